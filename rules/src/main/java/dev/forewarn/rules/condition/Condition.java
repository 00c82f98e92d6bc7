package dev.forewarn.rules.condition;

import dev.forewarn.rules.anomaly.AnomalyLikelihoodCondition;
import dev.forewarn.rules.composite.AnyOpensCondition;
import dev.forewarn.rules.composite.CompositeCondition;
import dev.forewarn.rules.document.RuleValidationException;
import dev.forewarn.rules.drift.BaselineDriftCondition;
import dev.forewarn.rules.index.DeviationIndexCondition;
import dev.forewarn.rules.life.RemainingLifeCondition;
import dev.forewarn.rules.lifecycle.Lifecycle;
import dev.forewarn.rules.rate.RateOfChangeCondition;
import dev.forewarn.rules.silence.SilenceCondition;
import dev.forewarn.rules.threshold.ThresholdCondition;
import dev.forewarn.rules.trend.TrendForecastCondition;

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
        AnomalyLikelihoodCondition,
        AnyOpensCondition {

  /** The condition's {@code type} in rule documents, such as {@code threshold}. */
  String type();
}
