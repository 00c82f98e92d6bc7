package dev.forewarn.rules.index;

import dev.forewarn.rules.condition.ConditionState;
import java.util.Arrays;

/**
 * What a deviation index remembers per device: the readings seen, each metric's warm-up mean and
 * sum of squared deviations (Welford; frozen after the warm-up) and smoothed z-score, and the last
 * index values for the forecast (a ring indexed by the readings after the warm-up).
 */
public final class DeviationIndexState implements ConditionState {

  private final long count;
  private final double[] means;
  private final double[] squares;
  private final double[] smoothed;
  private final double[] recent;

  /**
   * A state; arrays are copied.
   *
   * @param count readings seen, zero or more
   * @param means per metric, the warm-up mean
   * @param squares per metric, the warm-up sum of squared deviations from the mean
   * @param smoothed per metric, the smoothed z-score (meaningful after the warm-up)
   * @param recent the last index values, one slot per forecast window reading (empty without one)
   */
  public DeviationIndexState(
      long count, double[] means, double[] squares, double[] smoothed, double[] recent) {
    if (count < 0 || means.length != squares.length || means.length != smoothed.length) {
      throw new IllegalArgumentException("count not negative, one mean, square and z per metric");
    }
    for (double[] values : new double[][] {means, squares, smoothed, recent}) {
      for (double value : values) {
        if (!Double.isFinite(value)) {
          throw new IllegalArgumentException("deviation index state: not finite " + value);
        }
      }
    }
    this.count = count;
    this.means = means.clone();
    this.squares = squares.clone();
    this.smoothed = smoothed.clone();
    this.recent = recent.clone();
  }

  public static DeviationIndexState initial(DeviationIndexCondition condition) {
    int m = condition.metrics().size();
    int window = condition.forecast() == null ? 0 : condition.forecast().window();
    return new DeviationIndexState(
        0, new double[m], new double[m], new double[m], new double[window]);
  }

  /** The state, checked to fit the condition's metrics and window. */
  public static DeviationIndexState fitted(
      DeviationIndexCondition condition, DeviationIndexState state) {
    int window = condition.forecast() == null ? 0 : condition.forecast().window();
    if (state.means.length != condition.metrics().size() || state.recent.length != window) {
      throw new IllegalArgumentException("state does not fit this deviation-index condition");
    }
    return state;
  }

  public long count() {
    return count;
  }

  public double[] means() {
    return means.clone();
  }

  public double[] squares() {
    return squares.clone();
  }

  public double[] smoothed() {
    return smoothed.clone();
  }

  public double[] recent() {
    return recent.clone();
  }

  // Package-private views without copies, for the evaluator and the bytes.
  double[] meansView() {
    return means;
  }

  double[] squaresView() {
    return squares;
  }

  double[] smoothedView() {
    return smoothed;
  }

  double[] recentView() {
    return recent;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeviationIndexState that
        && count == that.count
        && Arrays.equals(means, that.means)
        && Arrays.equals(squares, that.squares)
        && Arrays.equals(smoothed, that.smoothed)
        && Arrays.equals(recent, that.recent);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(new Object[] {count, means, squares, smoothed, recent});
  }

  @Override
  public String toString() {
    return "DeviationIndexState[count=" + count + ", means=" + Arrays.toString(means) + "]";
  }
}
