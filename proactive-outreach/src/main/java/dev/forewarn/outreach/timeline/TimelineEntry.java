package dev.forewarn.outreach.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One event of a case thread.
 *
 * @param id increasing with the order events were recorded in
 * @param at when it was recorded
 * @param kind what happened, e.g. {@code OPENED}, {@code MESSAGE_SENT}, {@code DELIVERY}, {@code
 *     REPLY}, {@code ACKNOWLEDGED}, {@code ESCALATED}, {@code FEEDBACK}
 * @param channel the channel concerned, for message events
 * @param detail in words
 * @param outboxId the outbox row concerned, for message events
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEntry(
    long id, Instant at, String kind, String channel, String detail, Long outboxId) {}
