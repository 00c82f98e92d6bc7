package dev.forewarn.rules.stats;

/**
 * Arithmetic that stays finite for finite operands. A device may send any finite double, ±1.7e308
 * included; the difference of two such values, a slope between them or the square of one is beyond
 * a double and would become an infinity, and the next step a NaN, which no evidence, state or
 * comparison can use. These operations saturate at ±{@link Double#MAX_VALUE} instead, which is
 * still "enormous" to every comparison a condition makes, and a running mean moves toward a value
 * without ever forming the overflowing difference.
 */
public final class Finite {

  private Finite() {}

  /** {@code x} clamped to ±{@link Double#MAX_VALUE}; a NaN is a bug in the caller. */
  public static double clamp(double x) {
    if (Double.isNaN(x)) {
      throw new ArithmeticException("NaN from finite operands");
    }
    return Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, x));
  }

  /** {@code a − b}, saturated. */
  public static double minus(double a, double b) {
    return clamp(a - b);
  }

  /** {@code a + b}, saturated. */
  public static double plus(double a, double b) {
    return clamp(a + b);
  }

  /** {@code a × b}, saturated. */
  public static double times(double a, double b) {
    return clamp(a * b);
  }

  /** {@code a ÷ b} for {@code b ≠ 0}, saturated. */
  public static double over(double a, double b) {
    if (b == 0) {
      throw new ArithmeticException("division by zero");
    }
    return clamp(a / b);
  }

  /**
   * The running mean of {@code n} values after {@code value} joined the {@code n − 1} before it:
   * {@code mean + (value − mean) / n}, without forming an overflowing difference.
   */
  public static double meanWith(double mean, double value, long n) {
    double difference = value - mean;
    if (Double.isFinite(difference)) {
      return clamp(mean + difference / n);
    }
    return toward(mean, value, 1.0 / n);
  }

  /**
   * A running mean moved toward {@code value} by {@code weight} in [0, 1]: {@code mean + weight ×
   * (value − mean)}, computed as {@code (1 − weight) × mean + weight × value} when the difference
   * would overflow, so the result always lies between the two.
   */
  public static double toward(double mean, double value, double weight) {
    double difference = value - mean;
    if (Double.isFinite(difference)) {
      return clamp(mean + weight * difference);
    }
    return clamp((1 - weight) * mean + weight * value);
  }
}
