package dev.forewarn.ingest.parse;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as people read them in a dead letter's reason: one unit (s, min, h, days, years), whole
 * numbers with thousands separators, such as {@code 97,972 years} or {@code 5 min}.
 */
public final class Spans {

  private static final long MINUTE = 60;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  // The mean Gregorian year, so that a span of centuries comes out in calendar years.
  private static final long YEAR = 31_556_952;

  private Spans() {}

  /**
   * A span in the largest unit it fills at least once, rounded down: {@code 3 h}, {@code 12 days}.
   */
  public static String approximate(Duration span) {
    long seconds = Math.abs(span.getSeconds());
    if (seconds >= YEAR) {
      return amount(seconds / YEAR, seconds / YEAR == 1 ? "year" : "years");
    }
    if (seconds >= DAY) {
      return amount(seconds / DAY, seconds / DAY == 1 ? "day" : "days");
    }
    if (seconds >= HOUR) {
      return amount(seconds / HOUR, "h");
    }
    if (seconds >= MINUTE) {
      return amount(seconds / MINUTE, "min");
    }
    return amount(seconds, "s");
  }

  /**
   * A configured limit, exactly: in the largest unit that divides it ({@code 7 days}, {@code 90
   * s}), in milliseconds when no second does.
   */
  public static String exact(Duration limit) {
    long seconds = limit.getSeconds();
    if (limit.getNano() != 0) {
      return amount(limit.toMillis(), "ms");
    }
    if (seconds != 0 && seconds % DAY == 0) {
      return amount(seconds / DAY, seconds == DAY ? "day" : "days");
    }
    if (seconds != 0 && seconds % HOUR == 0) {
      return amount(seconds / HOUR, "h");
    }
    if (seconds != 0 && seconds % MINUTE == 0) {
      return amount(seconds / MINUTE, "min");
    }
    return amount(seconds, "s");
  }

  private static String amount(long value, String unit) {
    return String.format(Locale.ROOT, "%,d %s", value, unit);
  }
}
