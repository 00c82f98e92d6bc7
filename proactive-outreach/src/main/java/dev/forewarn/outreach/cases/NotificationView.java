package dev.forewarn.outreach.cases;

import java.time.Instant;

/**
 * One outbox message of a case, as operators see it. Addresses are shown in full here (the API is
 * for operators); logs mask them.
 *
 * @param id outbox row id
 * @param step the case step it belongs to, e.g. {@code opened}
 * @param channel {@code sms} or {@code email}
 * @param recipient phone number or email address
 * @param subject subject line, for email
 * @param text the plain-text body as sent (or as it would be sent, for the sandbox)
 * @param status PENDING, SENDING, SENT, FAILED or CANCELLED (not sent on purpose, see lastError)
 * @param delivery the provider's latest delivery state (queued, sent, delivered, undelivered,
 *     failed), when it reported one
 * @param routePosition its place in the case's route
 * @param attempts provider calls made
 * @param provider {@code twilio}, {@code smtp} or {@code sandbox}, once tried
 * @param providerId the provider's id for the accepted message
 * @param lastError the most recent failure, kept after a later success
 * @param createdAt when the message was queued
 * @param nextAttemptAt when it is (or was) due
 * @param sentAt when the provider accepted it
 */
public record NotificationView(
    long id,
    String step,
    String channel,
    String recipient,
    String subject,
    String text,
    String status,
    String delivery,
    Integer routePosition,
    int attempts,
    String provider,
    String providerId,
    String lastError,
    Instant createdAt,
    Instant nextAttemptAt,
    Instant sentAt) {}
