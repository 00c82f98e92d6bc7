package dev.forewarn.ingest.detection;

/**
 * A rule document as published on {@code forewarn/rules/{ruleId}}: the active version of a rule, or
 * its removal. It travels as the validated document text, which every parallel instance of the
 * detection parses for itself.
 *
 * @param ruleId the rule id, from the topic
 * @param document the rule document (validated upstream), or empty when the rule was removed
 */
public record RuleUpdate(String ruleId, String document) {

  /** The rule was removed: its retained message was cleared. */
  public static RuleUpdate removal(String ruleId) {
    return new RuleUpdate(ruleId, "");
  }

  public boolean isRemoval() {
    return document.isEmpty();
  }
}
