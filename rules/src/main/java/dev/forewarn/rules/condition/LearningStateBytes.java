package dev.forewarn.rules.condition;

import dev.forewarn.rules.RuleStates;
import dev.forewarn.rules.composite.AnyOpensState;
import dev.forewarn.rules.composite.CompositeCondition;
import dev.forewarn.rules.drift.DriftState;
import dev.forewarn.rules.drift.SeasonalCentres;
import dev.forewarn.rules.drift.Seasonality;
import dev.forewarn.rules.index.DeviationIndexState;
import dev.forewarn.rules.life.RemainingLifeState;
import dev.forewarn.rules.stats.BaselineState;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of the states added with event-time drift, any-opens and the deviation index,
 * behind the tags {@value #TIMED_DRIFT}, {@value #ANY_OPENS} and {@value #INDEX} of {@link
 * ConditionStateBytes}. Optional parts are announced by presence bits; see rules/README.md.
 */
final class LearningStateBytes {

  static final int TIMED_DRIFT = 6;
  static final int ANY_OPENS = 7;
  static final int INDEX = 8;
  static final int LIFE = 9;

  /** The largest array a decoded state may announce, against hostile lengths. */
  private static final int MAX_ARRAY = Seasonality.MAX_BUCKETS;

  private LearningStateBytes() {}

  static void writeDrift(ByteArrayOutputStream out, DriftState drift) {
    ConditionStateBytes.writeBaseline(out, drift.baseline());
    Varints.writeDouble(out, drift.smoothed());
    int present =
        (drift.previous() != null ? 1 : 0)
            | (drift.lastAt() != null ? 2 : 0)
            | (drift.centres() != null ? 4 : 0);
    out.write(present);
    if (drift.previous() != null) {
      Varints.writeDouble(out, drift.previous());
    }
    RuleStates.writeInstant(out, drift.lastAt());
    if (drift.centres() != null) {
      SeasonalCentres centres = drift.centres();
      Varints.write(out, centres.size());
      for (int b = 0; b < centres.size(); b++) {
        // An unvisited bucket is one byte: its zero count.
        Varints.write(out, centres.count(b));
        if (centres.count(b) > 0) {
          Varints.writeDouble(out, centres.centre(b));
        }
      }
    }
  }

  static DriftState readDrift(Varints.Reader in) {
    BaselineState baseline = ConditionStateBytes.readBaseline(in);
    double smoothed = finite(in.readDouble());
    int present = in.readByte();
    Double previous = (present & 1) != 0 ? finite(in.readDouble()) : null;
    Instant lastAt = (present & 2) != 0 ? RuleStates.readInstant(in) : null;
    SeasonalCentres centres = null;
    if ((present & 4) != 0) {
      int size = length(in, 1, "buckets");
      double[] values = new double[size];
      int[] counts = new int[size];
      for (int b = 0; b < size; b++) {
        counts[b] = in.readInt(0, "bucket count");
        values[b] = counts[b] > 0 ? finite(in.readDouble()) : 0;
      }
      centres = new SeasonalCentres(values, counts);
    }
    return new DriftState(baseline, smoothed, previous, lastAt, centres);
  }

  static void writeAnyOpens(ByteArrayOutputStream out, AnyOpensState state) {
    Varints.write(out, state.children().size());
    state.children().forEach(child -> ConditionStateBytes.write(out, child));
    for (AnyOpensState.OpenerState opener : state.openers()) {
      Varints.write(out, opener.run());
      out.write((opener.open() ? 1 : 0) | (opener.lastOpen() != null ? 2 : 0));
      RuleStates.writeInstant(out, opener.lastOpen());
    }
    out.write(state.lastOpen() != null ? 1 : 0);
    RuleStates.writeInstant(out, state.lastOpen());
  }

  static AnyOpensState readAnyOpens(Varints.Reader in, int depth) {
    int size = in.readInt(1, "conditions");
    if (size > CompositeCondition.MAX_CONDITIONS) {
      throw new IllegalArgumentException("rule state: any-opens too large");
    }
    List<ConditionState> children = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      children.add(ConditionStateBytes.read(in, depth));
    }
    List<AnyOpensState.OpenerState> openers = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int run = in.readInt(0, "run");
      int flags = in.readByte();
      Instant lastOpen = (flags & 2) != 0 ? RuleStates.readInstant(in) : null;
      openers.add(new AnyOpensState.OpenerState(run, (flags & 1) != 0, lastOpen));
    }
    Instant lastOpen = in.readByte() == 1 ? RuleStates.readInstant(in) : null;
    return new AnyOpensState(children, openers, lastOpen);
  }

  static void writeIndex(ByteArrayOutputStream out, DeviationIndexState state) {
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

  static DeviationIndexState readIndex(Varints.Reader in) {
    long count = in.readVarint();
    if (count < 0) {
      throw new IllegalArgumentException("rule state: negative count " + count);
    }
    int m = length(in, 1, "metrics");
    double[] means = new double[m];
    double[] squares = new double[m];
    double[] smoothed = new double[m];
    for (int i = 0; i < m; i++) {
      means[i] = finite(in.readDouble());
      squares[i] = finite(in.readDouble());
      smoothed[i] = finite(in.readDouble());
    }
    double[] recent = new double[length(in, 0, "window")];
    for (int i = 0; i < recent.length; i++) {
      recent[i] = finite(in.readDouble());
    }
    return new DeviationIndexState(count, means, squares, smoothed, recent);
  }

  static void writeLife(ByteArrayOutputStream out, RemainingLifeState state) {
    Varints.write(out, state.count());
    if (state.count() > 0) {
      RuleStates.writeInstant(out, state.first());
    }
    Varints.writeDouble(out, state.warmupSum());
    Varints.writeDouble(out, state.smoothed());
  }

  static RemainingLifeState readLife(Varints.Reader in) {
    long count = in.readVarint();
    if (count < 0) {
      throw new IllegalArgumentException("rule state: negative count " + count);
    }
    Instant first = count > 0 ? RuleStates.readInstant(in) : null;
    return new RemainingLifeState(count, first, finite(in.readDouble()), finite(in.readDouble()));
  }

  private static int length(Varints.Reader in, int least, String what) {
    int length = in.readInt(least, what);
    if (length > MAX_ARRAY) {
      throw new IllegalArgumentException("rule state: " + what + " out of range " + length);
    }
    return length;
  }

  private static double finite(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("rule state: not a finite number " + value);
    }
    return value;
  }
}
