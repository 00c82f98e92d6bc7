package dev.forewarn.rules.condition;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Number and duration wording for decision summaries, independent of the JVM's locale so that a
 * summary reads the same on every machine.
 */
public final class Summaries {

  private Summaries() {}

  /** At most three decimals, at least one: 85.0, 86.4, 0.125. */
  public static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    String text =
        BigDecimal.valueOf(value)
            .setScale(3, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString();
    return text.contains(".") ? text : text + ".0";
  }

  /** Whole seconds under two minutes, whole minutes under two hours, then whole hours. */
  public static String duration(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 120) {
      return seconds + "s";
    }
    return seconds < 7200 ? (seconds / 60) + "m" : (seconds / 3600) + "h";
  }
}
