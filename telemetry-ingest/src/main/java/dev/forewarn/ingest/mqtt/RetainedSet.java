package dev.forewarn.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The markers that frame the retained messages a clean session receives on each connect. MQTT does
 * not say when the retained messages of a subscription have all arrived; so the reader puts a start
 * marker in its own queue before it subscribes, and once the broker has confirmed the subscription
 * (and so queued every retained message for it) publishes an end marker on a topic its filter
 * matches, which the broker delivers after them. Both carry a token new on every connect, so a
 * marker from another reader, or from an earlier connect, is told apart.
 */
public final class RetainedSet {

  /** The last topic level of the sync topic; rule ids cannot start with an underscore. */
  public static final String SYNC_LEVEL = "_sync";

  static final String START = "start ";
  static final String END = "end ";

  private RetainedSet() {}

  /** The sync topic for a filter that ends in {@code +} or {@code #}. */
  public static String syncTopic(String topicFilter) {
    if (!topicFilter.endsWith("/+") && !topicFilter.endsWith("/#")) {
      throw new IllegalArgumentException(
          "a rules topic filter must end in /+ or /#, got \"" + topicFilter + "\"");
    }
    return topicFilter.substring(0, topicFilter.length() - 1) + SYNC_LEVEL;
  }

  /** Whether a topic is a sync topic. */
  public static boolean isSync(String topic) {
    return topic.endsWith("/" + SYNC_LEVEL);
  }

  /** The token of a start marker, if the payload is one. */
  public static Optional<String> startToken(byte[] payload) {
    return token(payload, START);
  }

  /** The token of an end marker, if the payload is one. */
  public static Optional<String> endToken(byte[] payload) {
    return token(payload, END);
  }

  static MqttRecord start(String syncTopic, String token) {
    return new MqttRecord(syncTopic, (START + token).getBytes(StandardCharsets.UTF_8), now());
  }

  static byte[] end(String token) {
    return (END + token).getBytes(StandardCharsets.UTF_8);
  }

  private static Optional<String> token(byte[] payload, String prefix) {
    String text = new String(payload, StandardCharsets.UTF_8);
    return text.startsWith(prefix)
        ? Optional.of(text.substring(prefix.length()))
        : Optional.empty();
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
