package dev.forewarn.rules.condition;

import dev.forewarn.rules.anomaly.AnomalyLikelihoodCondition;
import dev.forewarn.rules.anomaly.AnomalyLikelihoodSignals;
import dev.forewarn.rules.anomaly.AnomalyLikelihoodState;
import dev.forewarn.rules.composite.AnyOpensCondition;
import dev.forewarn.rules.composite.AnyOpensSignals;
import dev.forewarn.rules.composite.AnyOpensState;
import dev.forewarn.rules.composite.CompositeCondition;
import dev.forewarn.rules.composite.CompositeSignals;
import dev.forewarn.rules.composite.CompositeState;
import dev.forewarn.rules.drift.BaselineDriftCondition;
import dev.forewarn.rules.drift.DriftSignals;
import dev.forewarn.rules.drift.DriftState;
import dev.forewarn.rules.index.DeviationIndexCondition;
import dev.forewarn.rules.index.DeviationIndexSignals;
import dev.forewarn.rules.index.DeviationIndexState;
import dev.forewarn.rules.life.RemainingLifeCondition;
import dev.forewarn.rules.life.RemainingLifeSignals;
import dev.forewarn.rules.life.RemainingLifeState;
import dev.forewarn.rules.rate.RateOfChangeCondition;
import dev.forewarn.rules.rate.RateSignals;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.silence.SilenceCondition;
import dev.forewarn.rules.silence.SilenceSignals;
import dev.forewarn.rules.silence.SilenceState;
import dev.forewarn.rules.stats.BaselineState;
import dev.forewarn.rules.stats.WindowBuckets;
import dev.forewarn.rules.threshold.ThresholdCondition;
import dev.forewarn.rules.threshold.ThresholdSignals;
import dev.forewarn.rules.trend.TrendForecastCondition;
import dev.forewarn.rules.trend.TrendSignals;
import dev.forewarn.rules.trend.TrendState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Dispatches to the verdicts of each condition type. */
public final class Conditions {

  private Conditions() {}

  public static ConditionState initial(Condition condition) {
    if (condition instanceof ThresholdCondition) {
      return ConditionState.None.INSTANCE;
    }
    if (condition instanceof RateOfChangeCondition rate) {
      return WindowBuckets.empty(rate.buckets());
    }
    if (condition instanceof TrendForecastCondition trend) {
      return new TrendState(WindowBuckets.empty(trend.buckets()), BaselineState.INITIAL);
    }
    if (condition instanceof BaselineDriftCondition) {
      return DriftState.INITIAL;
    }
    if (condition instanceof SilenceCondition) {
      return SilenceState.INITIAL;
    }
    if (condition instanceof DeviationIndexCondition index) {
      return DeviationIndexState.initial(index);
    }
    if (condition instanceof RemainingLifeCondition) {
      return RemainingLifeState.INITIAL;
    }
    if (condition instanceof AnomalyLikelihoodCondition) {
      return AnomalyLikelihoodState.INITIAL;
    }
    if (condition instanceof AnyOpensCondition anyOpens) {
      List<ConditionState> children = new ArrayList<>();
      anyOpens.conditions().forEach(child -> children.add(initial(child.condition())));
      return new AnyOpensState(
          children, Collections.nCopies(children.size(), AnyOpensState.OpenerState.INITIAL), null);
    }
    CompositeCondition composite = (CompositeCondition) condition;
    List<ConditionState> children = new ArrayList<>();
    composite.conditions().forEach(child -> children.add(initial(child)));
    return new CompositeState(
        children, Collections.nCopies(children.size(), ConditionStatus.UNKNOWN));
  }

  /** The new state and verdict, or null when the reading means nothing to the condition. */
  public static Signal.Step onReading(Condition condition, ConditionState state, Reading reading) {
    if (condition instanceof ThresholdCondition threshold) {
      as(ConditionState.None.class, state, condition);
      return ThresholdSignals.onReading(threshold, reading);
    }
    if (condition instanceof RateOfChangeCondition rate) {
      return RateSignals.onReading(rate, fitted(rate.buckets(), state, condition), reading);
    }
    if (condition instanceof TrendForecastCondition trend) {
      TrendState trendState = as(TrendState.class, state, condition);
      fitted(trend.buckets(), trendState.window(), condition);
      return TrendSignals.onReading(trend, trendState, reading);
    }
    if (condition instanceof BaselineDriftCondition drift) {
      return DriftSignals.onReading(drift, as(DriftState.class, state, condition), reading);
    }
    if (condition instanceof SilenceCondition silence) {
      return SilenceSignals.onReading(silence, as(SilenceState.class, state, condition), reading);
    }
    if (condition instanceof DeviationIndexCondition index) {
      return DeviationIndexSignals.onReading(
          index,
          DeviationIndexState.fitted(index, as(DeviationIndexState.class, state, condition)),
          reading);
    }
    if (condition instanceof AnomalyLikelihoodCondition anomaly) {
      return AnomalyLikelihoodSignals.onReading(
          anomaly, as(AnomalyLikelihoodState.class, state, condition), reading);
    }
    if (condition instanceof RemainingLifeCondition life) {
      return RemainingLifeSignals.onReading(
          life, as(RemainingLifeState.class, state, condition), reading);
    }
    if (condition instanceof AnyOpensCondition anyOpens) {
      return AnyOpensSignals.onReading(anyOpens, anyOpens(anyOpens, state), reading);
    }
    CompositeCondition composite = (CompositeCondition) condition;
    return CompositeSignals.onReading(composite, composite(composite, state), reading);
  }

  /**
   * The new state and verdict at {@code now} without a reading, or null when time means nothing.
   */
  public static Signal.Step onAdvance(Condition condition, ConditionState state, Instant now) {
    if (condition instanceof SilenceCondition silence) {
      return SilenceSignals.onAdvance(silence, as(SilenceState.class, state, condition), now);
    }
    if (condition instanceof CompositeCondition composite) {
      return CompositeSignals.onAdvance(composite, composite(composite, state), now);
    }
    if (condition instanceof AnyOpensCondition anyOpens) {
      return AnyOpensSignals.onAdvance(anyOpens, anyOpens(anyOpens, state), now);
    }
    return null;
  }

  /** The first instant at which time alone may change the verdict, or null. */
  public static Instant deadline(Condition condition, ConditionState state) {
    if (condition instanceof SilenceCondition silence) {
      return SilenceSignals.deadline(silence, as(SilenceState.class, state, condition));
    }
    if (condition instanceof CompositeCondition composite) {
      return CompositeSignals.deadline(composite, composite(composite, state));
    }
    if (condition instanceof AnyOpensCondition anyOpens) {
      return AnyOpensSignals.deadline(anyOpens, anyOpens(anyOpens, state));
    }
    return null;
  }

  /**
   * Whether the condition is still learning what is normal for the device: an anomaly likelihood in
   * its first readings or before its history covers one budget period, or a composite with such a
   * child.
   */
  public static boolean learning(Condition condition, ConditionState state) {
    if (condition instanceof AnomalyLikelihoodCondition anomaly) {
      return AnomalyLikelihoodSignals.learning(
          anomaly, as(AnomalyLikelihoodState.class, state, condition));
    }
    if (condition instanceof AnyOpensCondition anyOpens) {
      AnyOpensState s = anyOpens(anyOpens, state);
      for (int i = 0; i < s.children().size(); i++) {
        if (learning(anyOpens.conditions().get(i).condition(), s.children().get(i))) {
          return true;
        }
      }
    }
    if (condition instanceof CompositeCondition composite) {
      CompositeState s = composite(composite, state);
      for (int i = 0; i < s.children().size(); i++) {
        if (learning(composite.conditions().get(i), s.children().get(i))) {
          return true;
        }
      }
    }
    return false;
  }

  /** When time alone may clear an open case, or null: an any-opens' cooldown running out. */
  public static Instant closeDeadline(Condition condition, ConditionState state) {
    if (condition instanceof AnyOpensCondition anyOpens) {
      return AnyOpensSignals.closeDeadline(anyOpens, anyOpens(anyOpens, state));
    }
    return null;
  }

  private static AnyOpensState anyOpens(AnyOpensCondition condition, ConditionState state) {
    AnyOpensState anyOpens = as(AnyOpensState.class, state, condition);
    if (anyOpens.children().size() != condition.conditions().size()) {
      throw mismatch(state, condition);
    }
    return anyOpens;
  }

  private static CompositeState composite(CompositeCondition condition, ConditionState state) {
    CompositeState composite = as(CompositeState.class, state, condition);
    if (composite.children().size() != condition.conditions().size()) {
      throw mismatch(state, condition);
    }
    return composite;
  }

  private static WindowBuckets fitted(int buckets, ConditionState state, Condition condition) {
    WindowBuckets window = as(WindowBuckets.class, state, condition);
    if (window.size() != buckets) {
      throw mismatch(state, condition);
    }
    return window;
  }

  private static <S extends ConditionState> S as(
      Class<S> type, ConditionState state, Condition condition) {
    if (!type.isInstance(state)) {
      throw mismatch(state, condition);
    }
    return type.cast(state);
  }

  private static IllegalArgumentException mismatch(ConditionState state, Condition condition) {
    return new IllegalArgumentException(
        "state "
            + state.getClass().getSimpleName()
            + " does not fit a "
            + condition.type()
            + " condition");
  }
}
