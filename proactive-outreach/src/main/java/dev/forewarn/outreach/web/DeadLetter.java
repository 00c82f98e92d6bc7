package dev.forewarn.outreach.web;

import java.time.Instant;

/**
 * A telemetry message the job refused.
 *
 * @param id row id
 * @param receivedAt when the job received it
 * @param topic the MQTT topic
 * @param kind the kind of reason ({@link DeadLetterKinds}): the field at fault, {@code late}, …
 * @param reason why it was refused
 * @param payload the raw payload
 */
public record DeadLetter(
    long id, Instant receivedAt, String topic, String kind, String reason, String payload) {}
