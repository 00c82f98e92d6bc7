package dev.forewarn.rules;

/**
 * An alert rule: typed, immutable and versioned. Changing a rule makes a new version, and every
 * case records the version that raised it. Parse one from JSON with {@link RuleJson#parse}.
 */
public sealed interface Rule permits ThresholdRule {

  /** The schema version this code writes; older documents are upgraded when parsed. */
  int CURRENT_SCHEMA_VERSION = 1;

  /** Stable identifier, the same across versions: lowercase letters, digits and dashes. */
  String id();

  /** Version of this rule, 1 or more; a higher version replaces a lower one. */
  int version();

  /** Human name shown to service managers and in case timelines. */
  String name();

  /** Which devices the rule watches. */
  Scope scope();

  /** How urgent the cases it opens are. */
  Severity severity();

  /** Whether a rule watches a device of this model. */
  default boolean appliesTo(String deviceId, String model) {
    return scope().includes(deviceId, model);
  }
}
