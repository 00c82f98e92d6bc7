package dev.forewarn.rules.threshold;

import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.document.RuleChecks;

/**
 * Holds while a metric is strictly beyond {@code level}; is clear once it is back at or past {@code
 * clearLevel} on the good side; in between it is neither, so a value hovering around the level does
 * not flap (hysteresis).
 *
 * @param metric the metric name in readings, not blank
 * @param direction which side of the level is bad
 * @param level the breach level, finite
 * @param clearLevel the level the metric must get back to; finite, on the good side of level or
 *     equal to it
 */
public record ThresholdCondition(
    String metric, Direction direction, double level, double clearLevel) implements Condition {

  /** The type name in rule documents. */
  public static final String TYPE = "threshold";

  public ThresholdCondition {
    RuleChecks.metric(metric);
    RuleChecks.present(direction, "direction");
    RuleChecks.finite(level, "level");
    RuleChecks.finite(clearLevel, "clearLevel");
    RuleChecks.goodSide(direction, level, clearLevel, "level", "clearLevel");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
