package dev.forewarn.ingest.mqtt;

/**
 * A message the job publishes itself, such as a Sparkplug rebirth request or a device's status.
 *
 * @param topic where to
 * @param payload the bytes
 * @param qos 0 or 1
 * @param retained whether the broker keeps it for later subscribers
 */
public record MqttOutbound(String topic, byte[] payload, int qos, boolean retained) {}
