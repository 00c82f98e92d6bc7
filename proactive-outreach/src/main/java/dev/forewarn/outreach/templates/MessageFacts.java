package dev.forewarn.outreach.templates;

import dev.forewarn.rules.document.Severity;
import java.time.Instant;
import java.util.Optional;

/**
 * The facts of one case that a customer message may mention.
 *
 * @param caseId the case
 * @param customerName how to address the customer
 * @param deviceLabel the device as the customer knows it (nickname, else model, else id)
 * @param severity decides the recommended action
 * @param ruleId the rule that raised the case; picks rule-specific wording
 * @param summary the rule's sentence, used when no plain wording exists for the rule
 * @param eta predicted time of failure, when the rule gives one
 * @param link the customer's self-service page for the case
 */
public record MessageFacts(
    long caseId,
    String customerName,
    String deviceLabel,
    Severity severity,
    String ruleId,
    String summary,
    Optional<Instant> eta,
    String link) {

  /** The device label from what is known about it. */
  public static String deviceLabel(Optional<String> nickname, Optional<String> model, String id) {
    return nickname.or(() -> model).orElse(id);
  }
}
