package dev.forewarn.outreach.cases;

import java.util.Optional;

/**
 * What intake did with one case event.
 *
 * @param caseId the case the event concerned, when there is one
 * @param description what happened, stored with the event for operators
 * @param messages outbox messages added
 * @param awaitingOpen a clear or update kept until the open of its episode arrives
 */
record IntakeOutcome(
    Optional<Long> caseId, String description, int messages, boolean awaitingOpen) {

  static IntakeOutcome of(long caseId, String description, int messages) {
    return new IntakeOutcome(Optional.of(caseId), description, messages, false);
  }

  static IntakeOutcome skipped(Optional<Long> caseId, String description) {
    return new IntakeOutcome(caseId, description, 0, false);
  }

  static IntakeOutcome awaitingItsOpen() {
    return new IntakeOutcome(
        Optional.empty(), "waiting: the open of this episode has not arrived yet", 0, true);
  }
}
