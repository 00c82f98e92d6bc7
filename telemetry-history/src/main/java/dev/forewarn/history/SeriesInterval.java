package dev.forewarn.history;

import java.time.Duration;
import java.util.List;

/**
 * The {@code GROUP BY time(...)} interval of a downsampled series: the shortest round interval that
 * keeps a time range within a number of points, so that a chart of any range asks the database for
 * about as many points as it can draw.
 */
public final class SeriesInterval {

  /** Round intervals, shortest first. */
  static final List<Duration> STEPS =
      List.of(
          Duration.ofMillis(1),
          Duration.ofMillis(10),
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(12),
          Duration.ofDays(1),
          Duration.ofDays(7),
          Duration.ofDays(30),
          Duration.ofDays(365));

  private SeriesInterval() {}

  /**
   * The shortest round interval that divides {@code range} into at most {@code maxPoints} buckets;
   * beyond the longest step, whole multiples of a day.
   *
   * @throws IllegalArgumentException when the range is not positive or maxPoints is below 1
   */
  public static Duration choose(Duration range, int maxPoints) {
    if (range.isZero() || range.isNegative()) {
      throw new IllegalArgumentException("the range must be positive, got " + range);
    }
    if (maxPoints < 1) {
      throw new IllegalArgumentException("maxPoints must be at least 1, got " + maxPoints);
    }
    for (Duration step : STEPS) {
      if (buckets(range, step) <= maxPoints) {
        return step;
      }
    }
    long dayMs = Duration.ofDays(1).toMillis();
    long perBucket = (range.toMillis() + maxPoints - 1) / maxPoints;
    return Duration.ofDays((perBucket + dayMs - 1) / dayMs);
  }

  /** How many buckets of {@code step} a range spans (a started bucket counts). */
  public static long buckets(Duration range, Duration step) {
    long rangeMs = range.toMillis();
    long stepMs = step.toMillis();
    return (rangeMs + stepMs - 1) / stepMs;
  }

  /** The interval as an InfluxQL duration literal: {@code 500ms}, {@code 10s}, {@code 15m}. */
  public static String literal(Duration interval) {
    long ms = interval.toMillis();
    if (ms < 1) {
      throw new IllegalArgumentException("an interval of at least 1 ms is needed, got " + interval);
    }
    if (ms % Duration.ofDays(1).toMillis() == 0) {
      return (ms / Duration.ofDays(1).toMillis()) + "d";
    }
    if (ms % Duration.ofHours(1).toMillis() == 0) {
      return (ms / Duration.ofHours(1).toMillis()) + "h";
    }
    if (ms % Duration.ofMinutes(1).toMillis() == 0) {
      return (ms / Duration.ofMinutes(1).toMillis()) + "m";
    }
    if (ms % 1000 == 0) {
      return (ms / 1000) + "s";
    }
    return ms + "ms";
  }
}
