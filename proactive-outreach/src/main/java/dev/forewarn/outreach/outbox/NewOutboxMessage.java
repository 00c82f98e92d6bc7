package dev.forewarn.outreach.outbox;

import dev.forewarn.outreach.notify.ChannelKind;
import java.time.Instant;
import java.util.Optional;

/**
 * A message to be sent for a case step on one channel, rendered when the step was decided.
 *
 * @param caseId the case it is about (the lead case of a grouped message)
 * @param step which step of the case, e.g. {@code opened}
 * @param channel the channel
 * @param recipient phone number, email address or app installation id
 * @param subject subject line or notification title, for email and app
 * @param text plain-text body
 * @param html HTML body, for email
 * @param customerId the customer it goes to
 * @param routePosition its place in the case's route
 * @param secondaryContact whether it goes to the device's secondary contact
 * @param notBefore when it may leave at the earliest
 */
public record NewOutboxMessage(
    long caseId,
    String step,
    ChannelKind channel,
    String recipient,
    Optional<String> subject,
    String text,
    Optional<String> html,
    Long customerId,
    Integer routePosition,
    boolean secondaryContact,
    Instant notBefore) {

  /** A message outside any route, due now. */
  public NewOutboxMessage(
      long caseId,
      String step,
      ChannelKind channel,
      String recipient,
      Optional<String> subject,
      String text,
      Optional<String> html) {
    this(caseId, step, channel, recipient, subject, text, html, null, null, false, null);
  }

  /**
   * One message per case, step and place on the route ({@code case-12-opened-sms-0}), whatever
   * happens to intake: the route position keeps apart two places that share a channel, so a
   * fallback never collides with the message it replaces. The secondary contact's messages carry a
   * suffix ({@code -secondary}) for operators; messages outside a route have no position.
   */
  public String idempotencyKey() {
    return "case-"
        + caseId
        + "-"
        + step
        + "-"
        + channel.code()
        + (routePosition == null ? "" : "-" + routePosition)
        + (secondaryContact ? "-secondary" : "");
  }
}
