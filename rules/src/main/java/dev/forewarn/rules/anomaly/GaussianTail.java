package dev.forewarn.rules.anomaly;

/**
 * The upper tail of the standard normal distribution as a surprise, {@code −log10 P(Z > z)}, finite
 * for every finite z: a series for erf below 3, the continued fraction of the Mills ratio from 3 on
 * (where the tail itself would underflow for large z).
 */
final class GaussianTail {

  private static final double LN10 = Math.log(10);
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

  private GaussianTail() {}

  /** {@code −log10 P(Z > z)}: 0.301 at 0, 4.5 at about 3.9, growing like z²/(2 ln 10). */
  static double surprise(double z) {
    if (z < -8) {
      return 0;
    }
    if (z < 3) {
      double tail = 0.5 * (1 - erf(z / Math.sqrt(2)));
      return -Math.log10(tail);
    }
    double t = z;
    for (int k = 40; k >= 1; k--) {
      t = z + k / t;
    }
    return (0.5 * z * z + LOG_SQRT_2PI + Math.log(t)) / LN10;
  }

  /** The likelihood {@code 1 − 10^−surprise}. */
  static double likelihood(double surprise) {
    return 1 - Math.pow(10, -surprise);
  }

  /** The surprise of a likelihood, {@code −log10(1 − p)}. */
  static double ofLikelihood(double probability) {
    return -Math.log10(1 - probability);
  }

  /** erf by its Taylor series; used for |x| below about 2.2 and for large negative x. */
  private static double erf(double x) {
    if (x < -3) {
      return -1 + 0.5 * Math.exp(-x * x) / (-x * Math.sqrt(Math.PI));
    }
    double term = x;
    double sum = x;
    double x2 = x * x;
    for (int n = 1; n < 100; n++) {
      term *= -x2 / n;
      double add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
        break;
      }
    }
    return TWO_OVER_SQRT_PI * sum;
  }
}
