package dev.forewarn.rules.threshold;

import dev.forewarn.rules.condition.ConditionState;
import dev.forewarn.rules.condition.ConditionStatus;
import dev.forewarn.rules.condition.Signal;
import dev.forewarn.rules.condition.Summaries;
import dev.forewarn.rules.reading.Reading;
import java.util.LinkedHashMap;
import java.util.Map;

/** Verdicts of a {@link ThresholdCondition}; it keeps no state. */
public final class ThresholdSignals {

  private ThresholdSignals() {}

  public static Signal.Step onReading(ThresholdCondition condition, Reading reading) {
    Double value = reading.metrics().get(condition.metric());
    if (value == null || !Double.isFinite(value)) {
      return null;
    }
    Map<String, Double> evidence = new LinkedHashMap<>();
    evidence.put("value", value);
    evidence.put("level", condition.level());
    evidence.put("clear_level", condition.clearLevel());
    String metric = condition.metric();
    Signal signal;
    if (condition.direction().breaches(value, condition.level())) {
      signal =
          Signal.of(
              ConditionStatus.HOLDS,
              evidence,
              metric
                  + " "
                  + condition.direction().word()
                  + " "
                  + Summaries.number(condition.level()),
              "now " + Summaries.number(value));
    } else if (condition.direction().clears(value, condition.clearLevel())) {
      signal =
          Signal.of(
              ConditionStatus.CLEARS,
              evidence,
              metric
                  + " back to "
                  + Summaries.number(value)
                  + " (clear level "
                  + Summaries.number(condition.clearLevel())
                  + ")",
              "");
    } else {
      signal =
          Signal.of(
              ConditionStatus.NEUTRAL,
              evidence,
              metric + " at " + Summaries.number(value) + ", between level and clear level",
              "");
    }
    return new Signal.Step(ConditionState.None.INSTANCE, signal);
  }
}
