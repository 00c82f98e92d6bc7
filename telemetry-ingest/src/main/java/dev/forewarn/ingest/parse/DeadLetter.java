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
 * @param deviceId the device it came from, empty when not known
 * @param clock the {@link ClockProblem#code() clock problem} it was refused for, empty when it was
 *     refused for anything else
 */
public record DeadLetter(
    Instant receivedAt,
    String topic,
    String reason,
    String payload,
    String deviceId,
    String clock) {

  public DeadLetter {
    topic = StorableText.of(topic == null ? "" : topic);
    reason = StorableText.of(reason == null ? "" : reason);
    payload = StorableText.of(payload == null ? "" : payload);
    deviceId = StorableText.of(deviceId == null ? "" : deviceId);
    clock = clock == null ? "" : clock;
  }

  /** A dead letter not about a device's clock, of a device not named. */
  public DeadLetter(Instant receivedAt, String topic, String reason, String payload) {
    this(receivedAt, topic, reason, payload, "", "");
  }

  /** A dead letter for raw bytes, turning them into storable text. */
  public static DeadLetter of(Instant receivedAt, String topic, String reason, byte[] payload) {
    return new DeadLetter(receivedAt, topic, reason, text(payload));
  }

  /** A dead letter of a reading refused for its device's clock. */
  public static DeadLetter clock(
      Instant receivedAt,
      String topic,
      String deviceId,
      ClockPolicy.Refusal refusal,
      byte[] payload) {
    return new DeadLetter(
        receivedAt, topic, refusal.reason(), text(payload), deviceId, refusal.problem().code());
  }

  /** Whether it was refused for its device's clock. */
  public boolean isClockRefusal() {
    return !clock.isEmpty();
  }

  private static String text(byte[] payload) {
    return payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
  }
}
