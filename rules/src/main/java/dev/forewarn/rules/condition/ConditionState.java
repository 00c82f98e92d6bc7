package dev.forewarn.rules.condition;

import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.anomaly.AnomalyLikelihoodState;
import dev.forewarn.rules.composite.AnyOpensState;
import dev.forewarn.rules.composite.CompositeState;
import dev.forewarn.rules.drift.DriftState;
import dev.forewarn.rules.index.DeviationIndexState;
import dev.forewarn.rules.life.RemainingLifeState;
import dev.forewarn.rules.silence.SilenceState;
import dev.forewarn.rules.stats.WindowBuckets;
import dev.forewarn.rules.trend.TrendState;

/**
 * What one condition remembers about one device between readings; part of {@link RuleState}. Each
 * type is small and of bounded size whatever the reading rate.
 */
public sealed interface ConditionState
    permits ConditionState.None,
        WindowBuckets,
        TrendState,
        DriftState,
        SilenceState,
        CompositeState,
        DeviationIndexState,
        RemainingLifeState,
        AnomalyLikelihoodState,
        AnyOpensState {

  /** The state of a condition that remembers nothing (threshold). */
  enum None implements ConditionState {
    INSTANCE
  }
}
