package dev.forewarn.rules;

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
        AnyOpensState {

  /** The state of a condition that remembers nothing (threshold). */
  enum None implements ConditionState {
    INSTANCE
  }
}
