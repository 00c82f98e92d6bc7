package dev.forewarn.outreach.outbox;

import dev.forewarn.outreach.notify.ChannelKind;
import java.util.Optional;

/**
 * A message to be sent for a case step on one channel, rendered when the case changed.
 *
 * @param caseId the case it is about
 * @param step which step of the case, e.g. {@code opened}
 * @param channel the channel
 * @param recipient phone number or email address
 * @param subject subject line, for email
 * @param text plain-text body
 * @param html HTML body, for email
 */
public record NewOutboxMessage(
    long caseId,
    String step,
    ChannelKind channel,
    String recipient,
    Optional<String> subject,
    String text,
    Optional<String> html) {

  /** One message per case, step and channel, whatever happens to intake. */
  public String idempotencyKey() {
    return "case-" + caseId + "-" + step + "-" + channel.code();
  }
}
