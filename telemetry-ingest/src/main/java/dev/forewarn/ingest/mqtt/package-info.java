/**
 * The MQTT source: a FLIP-27 {@code Source} on Eclipse Paho that reads QoS 1 messages over a
 * persistent session and acknowledges each one only after the Flink checkpoint covering it has
 * completed, so a crash makes the broker deliver again instead of losing messages.
 */
package dev.forewarn.ingest.mqtt;
