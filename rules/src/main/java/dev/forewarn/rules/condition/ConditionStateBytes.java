package dev.forewarn.rules.condition;

import dev.forewarn.rules.RuleStates;
import dev.forewarn.rules.composite.AnyOpensState;
import dev.forewarn.rules.composite.CompositeCondition;
import dev.forewarn.rules.composite.CompositeState;
import dev.forewarn.rules.document.RuleChecks;
import dev.forewarn.rules.drift.DriftState;
import dev.forewarn.rules.index.DeviationIndexState;
import dev.forewarn.rules.life.RemainingLifeState;
import dev.forewarn.rules.silence.SilenceState;
import dev.forewarn.rules.stats.BaselineState;
import dev.forewarn.rules.stats.WindowBuckets;
import dev.forewarn.rules.trend.TrendState;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of each {@link ConditionState}, behind a type tag: 0 none (threshold), 1 window
 * buckets (rate of change), 2 trend, 3 drift, 4 silence, 5 composite, and in {@link
 * LearningStateBytes} 6 event-time drift, 7 any-opens, 8 deviation index, 9 remaining life. Doubles
 * take 8 exact bytes, counts and instants varints; see rules/README.md.
 */
public final class ConditionStateBytes {

  private static final int NONE = 0;
  private static final int WINDOW = 1;
  private static final int TREND = 2;
  private static final int DRIFT = 3;
  private static final int SILENCE = 4;
  private static final int COMPOSITE = 5;

  private ConditionStateBytes() {}

  public static void write(ByteArrayOutputStream out, ConditionState state) {
    if (state instanceof ConditionState.None) {
      out.write(NONE);
    } else if (state instanceof WindowBuckets window) {
      out.write(WINDOW);
      writeWindow(out, window);
    } else if (state instanceof TrendState trend) {
      out.write(TREND);
      writeWindow(out, trend.window());
      writeBaseline(out, trend.baseline());
    } else if (state instanceof DriftState drift && !drift.basic()) {
      out.write(LearningStateBytes.TIMED_DRIFT);
      LearningStateBytes.writeDrift(out, drift);
    } else if (state instanceof DriftState drift) {
      out.write(DRIFT);
      writeBaseline(out, drift.baseline());
      Varints.writeDouble(out, drift.smoothed());
    } else if (state instanceof SilenceState silence) {
      out.write(SILENCE);
      out.write(silence.lastSeen() != null ? 1 : 0);
      RuleStates.writeInstant(out, silence.lastSeen());
    } else if (state instanceof AnyOpensState anyOpens) {
      out.write(LearningStateBytes.ANY_OPENS);
      LearningStateBytes.writeAnyOpens(out, anyOpens);
    } else if (state instanceof DeviationIndexState index) {
      out.write(LearningStateBytes.INDEX);
      LearningStateBytes.writeIndex(out, index);
    } else if (state instanceof RemainingLifeState life) {
      out.write(LearningStateBytes.LIFE);
      LearningStateBytes.writeLife(out, life);
    } else {
      CompositeState composite = (CompositeState) state;
      out.write(COMPOSITE);
      Varints.write(out, composite.children().size());
      composite.children().forEach(child -> write(out, child));
      composite.latest().forEach(status -> out.write(status.ordinal()));
    }
  }

  public static ConditionState read(Varints.Reader in, int depth) {
    int tag = in.readByte();
    switch (tag) {
      case NONE:
        return ConditionState.None.INSTANCE;
      case WINDOW:
        return readWindow(in);
      case TREND:
        return new TrendState(readWindow(in), readBaseline(in));
      case DRIFT:
        return new DriftState(readBaseline(in), finite(in.readDouble()));
      case SILENCE:
        int present = in.readByte();
        return new SilenceState(present == 1 ? RuleStates.readInstant(in) : null);
      case COMPOSITE:
        return readComposite(in, depth);
      case LearningStateBytes.TIMED_DRIFT:
        return LearningStateBytes.readDrift(in);
      case LearningStateBytes.ANY_OPENS:
        if (depth > 0) {
          throw new IllegalArgumentException("rule state: any-opens only at the top");
        }
        return LearningStateBytes.readAnyOpens(in, depth);
      case LearningStateBytes.INDEX:
        return LearningStateBytes.readIndex(in);
      case LearningStateBytes.LIFE:
        return LearningStateBytes.readLife(in);
      default:
        throw new IllegalArgumentException(
            "rule state: unknown type tag "
                + tag
                + "; known tags: 0 (threshold), 1 (rate of change), 2 (trend forecast),"
                + " 3 (baseline drift), 4 (silence), 5 (all/any), 6 (event-time baseline drift),"
                + " 7 (any-opens), 8 (deviation index), 9 (remaining life)");
    }
  }

  private static ConditionState readComposite(Varints.Reader in, int depth) {
    int size = in.readInt(1, "conditions");
    if (size > CompositeCondition.MAX_CONDITIONS || depth >= CompositeCondition.MAX_DEPTH) {
      throw new IllegalArgumentException("rule state: all/any too large or too deep");
    }
    List<ConditionState> children = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      children.add(read(in, depth + 1));
    }
    List<ConditionStatus> latest = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int ordinal = in.readByte();
      if (ordinal >= ConditionStatus.values().length) {
        throw new IllegalArgumentException("rule state: unknown verdict " + ordinal);
      }
      latest.add(ConditionStatus.values()[ordinal]);
    }
    return new CompositeState(children, latest);
  }

  private static void writeWindow(ByteArrayOutputStream out, WindowBuckets window) {
    Varints.write(out, window.size());
    Varints.write(out, window.newest());
    int[] counts = window.counts();
    double[] means = window.means();
    long[] offsets = window.offsets();
    for (int i = 0; i < counts.length; i++) {
      Varints.write(out, counts[i]);
      if (counts[i] > 0) {
        Varints.writeDouble(out, means[i]);
        Varints.write(out, offsets[i]);
      }
    }
  }

  private static WindowBuckets readWindow(Varints.Reader in) {
    int size = in.readInt(1, "buckets");
    if (size > RuleChecks.MAX_BUCKETS) {
      throw new IllegalArgumentException("rule state: buckets out of range " + size);
    }
    long newest = in.readVarint();
    int[] counts = new int[size];
    double[] means = new double[size];
    long[] offsets = new long[size];
    for (int i = 0; i < size; i++) {
      counts[i] = in.readInt(0, "bucket count");
      if (counts[i] > 0) {
        means[i] = finite(in.readDouble());
        offsets[i] = in.readVarint();
      }
    }
    return new WindowBuckets(newest, counts, means, offsets);
  }

  static void writeBaseline(ByteArrayOutputStream out, BaselineState baseline) {
    Varints.write(out, baseline.count());
    out.write(baseline.since() != null ? 1 : 0);
    RuleStates.writeInstant(out, baseline.since());
    Varints.writeDouble(out, baseline.centre());
    Varints.writeDouble(out, baseline.absDeviation());
  }

  static BaselineState readBaseline(Varints.Reader in) {
    long count = in.readVarint();
    if (count < 0) {
      throw new IllegalArgumentException("rule state: baseline count out of range " + count);
    }
    Instant since = in.readByte() == 1 ? RuleStates.readInstant(in) : null;
    double centre = finite(in.readDouble());
    double absDeviation = finite(in.readDouble());
    if (absDeviation < 0) {
      throw new IllegalArgumentException("rule state: negative deviation " + absDeviation);
    }
    return new BaselineState(count, since, centre, absDeviation);
  }

  private static double finite(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("rule state: not a finite number " + value);
    }
    return value;
  }
}
