package dev.forewarn.outreach.cases;

import java.util.Optional;

/**
 * What intake did with one case event.
 *
 * @param caseId the case the event concerned, when there is one
 * @param description what happened, stored with the event for operators
 * @param messages outbox messages added
 */
record IntakeOutcome(Optional<Long> caseId, String description, int messages) {

  static IntakeOutcome of(long caseId, String description, int messages) {
    return new IntakeOutcome(Optional.of(caseId), description, messages);
  }

  static IntakeOutcome skipped(Optional<Long> caseId, String description) {
    return new IntakeOutcome(caseId, description, 0);
  }
}
