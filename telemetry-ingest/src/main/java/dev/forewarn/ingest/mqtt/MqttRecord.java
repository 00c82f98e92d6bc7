package dev.forewarn.ingest.mqtt;

/**
 * One MQTT message as the job sees it, before any parsing.
 *
 * @param topic the topic it was published on
 * @param payload the raw payload bytes
 * @param receivedAtMillis when the job received it (epoch milliseconds, processing time)
 */
public record MqttRecord(String topic, byte[] payload, long receivedAtMillis) {}
