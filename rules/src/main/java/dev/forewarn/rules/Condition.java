package dev.forewarn.rules;

/**
 * What a rule watches for, separate from the case lifecycle around it: each condition says, per
 * reading, whether it holds, is clear, or neither, and the one shared lifecycle ({@link Lifecycle})
 * turns that into opening, updating and clearing cases. Conditions compose with {@link
 * CompositeCondition}. Every record checks its fields on construction and throws {@link
 * RuleValidationException} naming the field relative to the condition ({@code window}); parsed from
 * JSON, the name is the full path ({@code condition.conditions[1].window}).
 */
public sealed interface Condition
    permits ThresholdCondition,
        RateOfChangeCondition,
        TrendForecastCondition,
        BaselineDriftCondition,
        SilenceCondition,
        CompositeCondition,
        DeviationIndexCondition,
        RemainingLifeCondition,
        AnyOpensCondition {

  /** The condition's {@code type} in rule documents, such as {@code threshold}. */
  String type();
}
