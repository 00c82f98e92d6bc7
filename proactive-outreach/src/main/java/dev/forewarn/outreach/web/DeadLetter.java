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
 * @param deviceId the device, where the job named it (readings refused for their clock, points
 *     InfluxDB refused); otherwise null
 * @param clock for a reading refused for its device's clock: {@code ahead}, {@code before_earliest}
 *     or {@code went_back}; otherwise null
 */
public record DeadLetter(
    long id,
    Instant receivedAt,
    String topic,
    String kind,
    String reason,
    String payload,
    String deviceId,
    String clock) {}
