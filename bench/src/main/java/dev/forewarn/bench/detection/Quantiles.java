package dev.forewarn.bench.detection;

import java.util.Arrays;

/**
 * Quantiles with linear interpolation between closest ranks (the common default, as in NumPy's
 * {@code percentile} and R's type 7), so that the figures can be checked with any tool.
 */
final class Quantiles {

  private Quantiles() {}

  /**
   * The {@code p}-th percentile of a non-empty sample; {@code p} in [0, 100]. The 50th is the
   * median.
   */
  static double percentile(double[] sample, double p) {
    if (sample.length == 0) {
      throw new IllegalArgumentException("no sample");
    }
    if (p < 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in [0, 100], was " + p);
    }
    double[] sorted = sample.clone();
    Arrays.sort(sorted);
    double rank = p / 100 * (sorted.length - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }
}
