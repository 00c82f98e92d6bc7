package dev.forewarn.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample. */
final class Percentiles {

  private final double[] sorted;

  Percentiles(double[] sample) {
    if (sample.length == 0) {
      throw new IllegalArgumentException("no sample: nothing was measured");
    }
    this.sorted = sample.clone();
    Arrays.sort(sorted);
  }

  /** The smallest value with at least {@code p} percent of the sample at or below it. */
  double at(double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  int size() {
    return sorted.length;
  }
}
