package dev.forewarn.outreach.outbox;

import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.OutgoingMessage;
import java.util.Optional;
import java.util.UUID;

/**
 * An outbox row one dispatcher has claimed until its lease ends.
 *
 * @param id outbox row id
 * @param caseId the case
 * @param channel the channel
 * @param recipient phone number or email address
 * @param subject subject line, for email
 * @param text plain-text body
 * @param html HTML body, for email
 * @param idempotencyKey the row's idempotency key
 * @param attempts provider calls including the one about to be made
 * @param claimToken proves the claim still holds when the outcome is recorded
 */
record ClaimedMessage(
    long id,
    long caseId,
    ChannelKind channel,
    String recipient,
    Optional<String> subject,
    String text,
    Optional<String> html,
    String idempotencyKey,
    int attempts,
    UUID claimToken) {

  OutgoingMessage outgoing() {
    return new OutgoingMessage(idempotencyKey, recipient, subject, text, html);
  }
}
