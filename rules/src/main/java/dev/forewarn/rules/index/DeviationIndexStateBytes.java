package dev.forewarn.rules.index;

import dev.forewarn.rules.condition.Varints;
import dev.forewarn.rules.document.RuleChecks;
import java.io.ByteArrayOutputStream;

/**
 * The bytes of a {@link DeviationIndexState}: readings seen, per metric its mean, sum of squares
 * and smoothed z, then the forecast window's values.
 */
public final class DeviationIndexStateBytes {

  private DeviationIndexStateBytes() {}

  public static void write(ByteArrayOutputStream out, DeviationIndexState state) {
    Varints.write(out, state.count());
    double[] means = state.meansView();
    Varints.write(out, means.length);
    for (int i = 0; i < means.length; i++) {
      Varints.writeDouble(out, means[i]);
      Varints.writeDouble(out, state.squaresView()[i]);
      Varints.writeDouble(out, state.smoothedView()[i]);
    }
    double[] recent = state.recentView();
    Varints.write(out, recent.length);
    for (double value : recent) {
      Varints.writeDouble(out, value);
    }
  }

  public static DeviationIndexState read(Varints.Reader in) {
    long count = in.readVarint();
    if (count < 0) {
      throw new IllegalArgumentException("rule state: negative count " + count);
    }
    int m = in.readLength(1, DeviationIndexCondition.MAX_METRICS, "metrics");
    double[] means = new double[m];
    double[] squares = new double[m];
    double[] smoothed = new double[m];
    for (int i = 0; i < m; i++) {
      means[i] = in.readFinite();
      squares[i] = in.readFinite();
      smoothed[i] = in.readFinite();
    }
    double[] recent = new double[in.readLength(0, RuleChecks.MAX_BUCKETS, "window")];
    for (int i = 0; i < recent.length; i++) {
      recent[i] = in.readFinite();
    }
    return new DeviationIndexState(count, means, squares, smoothed, recent);
  }
}
