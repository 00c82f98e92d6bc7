package dev.forewarn.rules.condition;

import dev.forewarn.rules.anomaly.AnomalyLikelihoodState;
import dev.forewarn.rules.anomaly.AnomalyLikelihoodStateBytes;
import dev.forewarn.rules.composite.AnyOpensState;
import dev.forewarn.rules.composite.CompositeState;
import dev.forewarn.rules.composite.CompositeStateBytes;
import dev.forewarn.rules.drift.DriftState;
import dev.forewarn.rules.drift.DriftStateBytes;
import dev.forewarn.rules.index.DeviationIndexState;
import dev.forewarn.rules.index.DeviationIndexStateBytes;
import dev.forewarn.rules.life.RemainingLifeState;
import dev.forewarn.rules.life.RemainingLifeStateBytes;
import dev.forewarn.rules.silence.SilenceState;
import dev.forewarn.rules.silence.SilenceStateBytes;
import dev.forewarn.rules.stats.StatsBytes;
import dev.forewarn.rules.stats.WindowBuckets;
import dev.forewarn.rules.trend.TrendState;
import dev.forewarn.rules.trend.TrendStateBytes;
import java.io.ByteArrayOutputStream;

/**
 * The binary form of each {@link ConditionState}, behind a type tag: 0 none (threshold), 1 window
 * buckets (rate of change), 2 trend, 3 drift, 4 silence, 5 composite, 6 event-time drift, 7
 * any-opens, 8 deviation index, 9 remaining life, 10 anomaly likelihood. Each family writes its own
 * state after the tag; doubles take 8 exact bytes, counts and instants varints; see
 * rules/README.md.
 */
public final class ConditionStateBytes {

  private static final int NONE = 0;
  private static final int WINDOW = 1;
  private static final int TREND = 2;
  private static final int DRIFT = 3;
  private static final int SILENCE = 4;
  private static final int COMPOSITE = 5;
  private static final int TIMED_DRIFT = 6;
  private static final int ANY_OPENS = 7;
  private static final int INDEX = 8;
  private static final int LIFE = 9;
  private static final int ANOMALY = 10;

  private ConditionStateBytes() {}

  /** Writes the state's tag and bytes. */
  public static void write(ByteArrayOutputStream out, ConditionState state) {
    if (state instanceof ConditionState.None) {
      out.write(NONE);
    } else if (state instanceof WindowBuckets window) {
      out.write(WINDOW);
      StatsBytes.writeWindow(out, window);
    } else if (state instanceof TrendState trend) {
      out.write(TREND);
      TrendStateBytes.write(out, trend);
    } else if (state instanceof DriftState drift && !drift.basic()) {
      out.write(TIMED_DRIFT);
      DriftStateBytes.writeTimed(out, drift);
    } else if (state instanceof DriftState drift) {
      out.write(DRIFT);
      DriftStateBytes.writeBasic(out, drift);
    } else if (state instanceof SilenceState silence) {
      out.write(SILENCE);
      SilenceStateBytes.write(out, silence);
    } else if (state instanceof AnyOpensState anyOpens) {
      out.write(ANY_OPENS);
      CompositeStateBytes.writeAnyOpens(out, anyOpens);
    } else if (state instanceof DeviationIndexState index) {
      out.write(INDEX);
      DeviationIndexStateBytes.write(out, index);
    } else if (state instanceof AnomalyLikelihoodState anomaly) {
      out.write(ANOMALY);
      AnomalyLikelihoodStateBytes.write(out, anomaly);
    } else if (state instanceof RemainingLifeState life) {
      out.write(LIFE);
      RemainingLifeStateBytes.write(out, life);
    } else {
      out.write(COMPOSITE);
      CompositeStateBytes.writeComposite(out, (CompositeState) state);
    }
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @param depth how deep in all/any the state sits, 0 for a rule's own condition
   */
  public static ConditionState read(Varints.Reader in, int depth) {
    int tag = in.readByte();
    switch (tag) {
      case NONE:
        return ConditionState.None.INSTANCE;
      case WINDOW:
        return StatsBytes.readWindow(in);
      case TREND:
        return TrendStateBytes.read(in);
      case DRIFT:
        return DriftStateBytes.readBasic(in);
      case SILENCE:
        return SilenceStateBytes.read(in);
      case COMPOSITE:
        return CompositeStateBytes.readComposite(in, depth);
      case TIMED_DRIFT:
        return DriftStateBytes.readTimed(in);
      case ANY_OPENS:
        if (depth > 0) {
          throw new IllegalArgumentException("rule state: any-opens only at the top");
        }
        return CompositeStateBytes.readAnyOpens(in, depth);
      case INDEX:
        return DeviationIndexStateBytes.read(in);
      case ANOMALY:
        return AnomalyLikelihoodStateBytes.read(in);
      case LIFE:
        return RemainingLifeStateBytes.read(in);
      default:
        throw new IllegalArgumentException(
            "rule state: unknown type tag "
                + tag
                + "; known tags: 0 (threshold), 1 (rate of change), 2 (trend forecast),"
                + " 3 (baseline drift), 4 (silence), 5 (all/any), 6 (event-time baseline drift),"
                + " 7 (any-opens), 8 (deviation index), 9 (remaining life), 10 (anomaly likelihood)");
    }
  }
}
