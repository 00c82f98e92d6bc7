package dev.forewarn.rules.stats;

import dev.forewarn.rules.condition.Direction;
import java.util.Arrays;

/**
 * The Theil–Sen line through a few points: the slope is the median of all pairwise slopes, the
 * intercept the median of {@code y - slope × x}. Up to 29% of the points can be outliers without
 * moving it, which a least-squares line cannot claim. Cost is quadratic in the number of points,
 * which the bucketing keeps at {@value RuleChecks#MAX_BUCKETS} at most.
 */
public final class TheilSen {

  private TheilSen() {}

  /**
   * The fitted line.
   *
   * @param slope the median pairwise slope
   * @param intercept the value at {@code x = 0}
   * @param r2 1 − (residual sum of squares / total sum of squares), clamped to [0, 1]; 1 for points
   *     that lie exactly on the line, 0 when the line explains nothing
   * @param risingShare the share of pairwise slopes that are positive, in [0, 1]
   * @param fallingShare the share of pairwise slopes that are negative, in [0, 1]
   */
  public record Fit(
      double slope, double intercept, double r2, double risingShare, double fallingShare) {

    /** The share of pairwise slopes heading the given way: up for above, down for below. */
    public double share(Direction direction) {
      return direction == Direction.ABOVE ? risingShare : fallingShare;
    }
  }

  /** Fits at least two points with distinct x. */
  public static Fit fit(double[] x, double[] y) {
    int n = x.length;
    double[] slopes = new double[n * (n - 1) / 2];
    int pairs = 0;
    int rising = 0;
    int falling = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (x[j] != x[i]) {
          double slope = Finite.over(Finite.minus(y[j], y[i]), x[j] - x[i]);
          slopes[pairs++] = slope;
          rising += slope > 0 ? 1 : 0;
          falling += slope < 0 ? 1 : 0;
        }
      }
    }
    if (pairs == 0) {
      throw new IllegalArgumentException("at least two distinct x needed");
    }
    double slope = median(Arrays.copyOf(slopes, pairs));
    double[] offsets = new double[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = Finite.minus(y[i], Finite.times(slope, x[i]));
    }
    double intercept = median(offsets);
    return new Fit(
        slope,
        intercept,
        r2(x, y, slope, intercept),
        (double) rising / pairs,
        (double) falling / pairs);
  }

  private static double r2(double[] x, double[] y, double slope, double intercept) {
    double mean = Arrays.stream(y).average().orElse(0);
    double total = 0;
    double residual = 0;
    for (int i = 0; i < x.length; i++) {
      total += (y[i] - mean) * (y[i] - mean);
      double error = y[i] - (intercept + slope * x[i]);
      residual += error * error;
    }
    if (!Double.isFinite(total) || !Double.isFinite(residual)) {
      return scaledR2(x, y, slope, intercept);
    }
    return r2(total, residual);
  }

  /**
   * R² for values whose squares are beyond a double: the deviations are divided by the largest of
   * them before squaring, which R² does not notice.
   */
  private static double scaledR2(double[] x, double[] y, double slope, double intercept) {
    double mean = 0;
    for (int i = 0; i < y.length; i++) {
      mean = Finite.meanWith(mean, y[i], i + 1);
    }
    double[] spread = new double[x.length];
    double[] error = new double[x.length];
    double scale = 0;
    for (int i = 0; i < x.length; i++) {
      spread[i] = Finite.minus(y[i], mean);
      error[i] = Finite.minus(y[i], Finite.plus(intercept, Finite.times(slope, x[i])));
      scale = Math.max(scale, Math.max(Math.abs(spread[i]), Math.abs(error[i])));
    }
    double total = 0;
    double residual = 0;
    for (int i = 0; i < x.length && scale > 0; i++) {
      total += (spread[i] / scale) * (spread[i] / scale);
      residual += (error[i] / scale) * (error[i] / scale);
    }
    return r2(total, residual);
  }

  private static double r2(double total, double residual) {
    if (total == 0) {
      return residual == 0 ? 1 : 0;
    }
    return Math.max(0, Math.min(1, 1 - residual / total));
  }

  static double median(double[] values) {
    Arrays.sort(values);
    int mid = values.length / 2;
    if (values.length % 2 == 1) {
      return values[mid];
    }
    double sum = values[mid - 1] + values[mid];
    return Double.isFinite(sum) ? sum / 2 : values[mid - 1] / 2 + values[mid] / 2;
  }
}
