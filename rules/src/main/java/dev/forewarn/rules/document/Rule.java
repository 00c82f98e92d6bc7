package dev.forewarn.rules.document;

import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.lifecycle.Lifecycle;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.threshold.ThresholdCondition;
import java.time.Duration;

/**
 * An alert rule: typed, immutable and versioned. Changing a rule makes a new version, and every
 * case records the version that raised it. A rule is a {@link Condition} (what to watch for) in a
 * {@link Lifecycle} (how its verdicts become cases). Parse one from JSON with {@link
 * RuleJson#parse}; the constructor enforces every constraint and throws {@link
 * RuleValidationException} naming the field, so an invalid rule cannot exist in memory.
 *
 * @param id stable identifier, the same across versions: 1 to 64 lowercase letters, digits and
 *     dashes
 * @param version version of this rule, 1 or more; a higher version replaces a lower one
 * @param name human name shown to service managers and in case timelines, not blank
 * @param scope which devices the rule watches; null means {@link Scope#ALL}
 * @param severity how urgent the cases it opens are
 * @param condition what it watches for
 * @param lifecycle how verdicts become cases; null means {@link Lifecycle#IMMEDIATE}
 */
public record Rule(
    String id,
    int version,
    String name,
    Scope scope,
    Severity severity,
    Condition condition,
    Lifecycle lifecycle) {

  /** The schema version this code writes; older documents are upgraded when parsed. */
  public static final int CURRENT_SCHEMA_VERSION = 2;

  public Rule {
    scope = scope == null ? Scope.ALL : scope;
    lifecycle = lifecycle == null ? Lifecycle.IMMEDIATE : lifecycle;
    RuleChecks.common(id, version, name, scope, severity);
    RuleChecks.present(condition, "condition");
  }

  /**
   * A threshold rule, the one type of schema version 1: opens when {@code metric} stays beyond
   * {@code level} for {@code sustainedFor} and {@code minPoints} readings, clears back at {@code
   * clearLevel}.
   */
  public static Rule threshold(
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
      int minPoints) {
    return new Rule(
        id,
        version,
        name,
        scope,
        severity,
        new ThresholdCondition(metric, direction, level, clearLevel),
        Lifecycle.sustained(sustainedFor, minPoints));
  }

  /**
   * Whether the rule watches a device of this model whose tags are unknown; a rule whose scope
   * names tags does not.
   */
  public boolean appliesTo(String deviceId, String model) {
    return scope.includes(deviceId, model);
  }

  /** Whether the rule watches the device of this reading, tags included. */
  public boolean appliesTo(Reading reading) {
    return scope.includes(reading.deviceId(), reading.model(), reading.tags());
  }
}
