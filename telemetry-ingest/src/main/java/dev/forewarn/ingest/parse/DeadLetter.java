package dev.forewarn.ingest.parse;

import dev.forewarn.ingest.cases.StorableText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A telemetry message the job refused, kept with the reason (see docs/contracts.md, table
 * dead_letters).
 *
 * <p>Storable by construction: every text is made {@link StorableText storable} here, since a
 * reason may quote what a device sent, NUL characters included.
 *
 * @param receivedAt when the job received it
 * @param topic the MQTT topic
 * @param reason why it was refused, naming the field
 * @param payload the raw payload as text: UTF-8 with invalid bytes, NUL characters and unpaired
 *     surrogates replaced by U+FFFD, since PostgreSQL text cannot hold them
 */
public record DeadLetter(Instant receivedAt, String topic, String reason, String payload) {

  public DeadLetter {
    topic = StorableText.of(topic == null ? "" : topic);
    reason = StorableText.of(reason == null ? "" : reason);
    payload = StorableText.of(payload == null ? "" : payload);
  }

  /** A dead letter for raw bytes, turning them into storable text. */
  public static DeadLetter of(Instant receivedAt, String topic, String reason, byte[] payload) {
    String text = payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
    return new DeadLetter(receivedAt, topic, reason, text);
  }
}
