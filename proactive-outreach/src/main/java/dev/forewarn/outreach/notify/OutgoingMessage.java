package dev.forewarn.outreach.notify;

import java.util.Optional;

/**
 * One rendered message for one address.
 *
 * @param reference the outbox idempotency key; channels that can carry it pass it on (for example
 *     as the email Message-ID) so that a receiver can spot a duplicate
 * @param address phone number in E.164 or email address
 * @param subject subject line, for channels that have one
 * @param text the plain-text body
 * @param html the HTML body, for channels that can show one
 */
public record OutgoingMessage(
    String reference,
    String address,
    Optional<String> subject,
    String text,
    Optional<String> html) {}
