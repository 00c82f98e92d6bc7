package dev.forewarn.outreach.deliveries;

import java.time.Instant;

/**
 * One message through the outbox and what became of it.
 *
 * @param id outbox row id
 * @param caseId the case it was about; null for a sign-in code
 * @param customerId the customer it went to
 * @param step the case step ({@code opened}, {@code reminder}, …) or {@code sign-in-code}
 * @param channel {@code sms}, {@code email} or {@code app}
 * @param recipient phone number, email address or app installation (in full; logs mask it)
 * @param status PENDING, SENDING, SENT, FAILED or CANCELLED
 * @param delivery the provider's latest delivery report (delivered, undelivered, …), when any
 * @param outcome in one word: {@code delivered}, {@code undelivered}, {@code sent} (accepted, no
 *     report), {@code failed}, {@code cancelled} or {@code pending}
 * @param attempts provider calls made
 * @param provider who took it: twilio, smtp, inbox, fcm, sandbox
 * @param providerId the provider's id for it
 * @param lastError the most recent failure or why it was not sent
 * @param createdAt when it was queued
 * @param sentAt when the provider accepted it
 * @param deliveryAt when the provider last reported on it
 */
public record Delivery(
    long id,
    Long caseId,
    Long customerId,
    String step,
    String channel,
    String recipient,
    String status,
    String delivery,
    String outcome,
    int attempts,
    String provider,
    String providerId,
    String lastError,
    Instant createdAt,
    Instant sentAt,
    Instant deliveryAt) {}
