package dev.forewarn.outreach.outbox;

import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.OutgoingMessage;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An outbox row one dispatcher has claimed until its lease ends.
 *
 * @param id outbox row id
 * @param caseId the case, absent for a message about none (a sign-in code)
 * @param step the case step
 * @param channel the channel
 * @param recipient phone number, email address or installation id
 * @param subject subject line, for email and app
 * @param text plain-text body
 * @param html HTML body, for email
 * @param idempotencyKey the row's idempotency key
 * @param attempts provider calls including the one about to be made
 * @param claimToken proves the claim still holds when the outcome is recorded
 * @param customerId the customer, for messages on a route
 * @param routePosition the place in the case's route, for messages on a route
 * @param inDoubt whether an earlier attempt may have reached the provider without its outcome being
 *     recorded
 * @param previousAttemptAt when that earlier attempt started
 * @param firstAttemptAt when the first provider call for it was made; retries give up a set time
 *     after it
 */
public record ClaimedMessage(
    long id,
    Optional<Long> caseId,
    String step,
    ChannelKind channel,
    String recipient,
    Optional<String> subject,
    String text,
    Optional<String> html,
    String idempotencyKey,
    int attempts,
    UUID claimToken,
    Optional<Long> customerId,
    Optional<Integer> routePosition,
    boolean inDoubt,
    Optional<Instant> previousAttemptAt,
    Instant firstAttemptAt) {

  /** The case id for a log line, {@code -} for a message about no case. */
  String caseLabel() {
    return caseId.map(String::valueOf).orElse("-");
  }

  OutgoingMessage outgoing() {
    return new OutgoingMessage(idempotencyKey, recipient, subject, text, html);
  }
}
