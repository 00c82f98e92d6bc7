package dev.forewarn.outreach.notify.app;

import java.time.Instant;

/**
 * One message in a customer's in-app inbox.
 *
 * @param id increasing per customer in the order messages were stored; the stream's event id
 * @param customerId whose inbox
 * @param installationId the app installation it was addressed to
 * @param caseId the case it is about, when there is one
 * @param title a short heading
 * @param text the message
 * @param createdAt when it was stored
 * @param readAt when the customer marked it read; null while unread
 */
public record InboxMessage(
    long id,
    long customerId,
    String installationId,
    Long caseId,
    String title,
    String text,
    Instant createdAt,
    Instant readAt) {}
