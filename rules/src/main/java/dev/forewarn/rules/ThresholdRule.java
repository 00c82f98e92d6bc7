package dev.forewarn.rules;

import java.time.Duration;

/**
 * Opens a case when a metric stays on the bad side of {@code level} for at least {@code
 * sustainedFor} and {@code minPoints} readings; clears it only once the metric is back past {@code
 * clearLevel}, so that a value hovering around the level does not flap.
 *
 * <p>The constructor enforces every constraint of the rule document and throws {@link
 * RuleValidationException} naming the field, so an invalid rule cannot exist in memory.
 *
 * @param id stable rule id: 1 to 64 lowercase letters, digits and dashes
 * @param version rule version, 1 or more
 * @param name human name, not blank
 * @param scope devices watched; null means {@link Scope#ALL}
 * @param severity severity of the cases it opens
 * @param metric the metric name in readings, not blank
 * @param direction which side of the level is bad
 * @param level the breach level, finite
 * @param clearLevel the level the metric must get back past to clear; finite, on the good side of
 *     level or equal to it
 * @param sustainedFor how long the breach must last before a case opens; zero opens at once
 * @param minPoints how many breaching readings in a row are needed, 1 or more
 */
public record ThresholdRule(
    String id,
    int version,
    String name,
    Scope scope,
    Severity severity,
    String metric,
    Direction direction,
    double level,
    double clearLevel,
    Duration sustainedFor,
    int minPoints)
    implements Rule {

  public ThresholdRule {
    scope = scope == null ? Scope.ALL : scope;
    RuleChecks.common(id, version, name, scope, severity);
    RuleChecks.present(metric, "metric");
    RuleChecks.word(metric, "metric", "metric name");
    RuleChecks.present(direction, "direction");
    RuleChecks.finite(level, "level");
    RuleChecks.finite(clearLevel, "clearLevel");
    if (direction.breaches(clearLevel, level)) {
      throw new RuleValidationException(
          "clearLevel",
          "must be at or "
              + (direction == Direction.ABOVE ? "below" : "above")
              + " level ("
              + level
              + ") for a rule that fires "
              + direction.word()
              + " it, got "
              + clearLevel);
    }
    RuleChecks.present(sustainedFor, "sustainedFor");
    if (sustainedFor.isNegative()) {
      throw new RuleValidationException(
          "sustainedFor", "must be zero or more, got " + sustainedFor);
    }
    if (minPoints < 1) {
      throw new RuleValidationException("minPoints", "must be 1 or more, got " + minPoints);
    }
  }

  /** The type name of this rule in its JSON document. */
  public static final String TYPE = "threshold";
}
