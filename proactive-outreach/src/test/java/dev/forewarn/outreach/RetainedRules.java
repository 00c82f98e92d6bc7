package dev.forewarn.outreach;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * What a subscriber that connects now gets for a rule's topic on the real broker, as the telemetry
 * job would on (re)subscribing: the retained document, or nothing when the rule was withdrawn.
 * Tests publish their rules under a topic root of their own ({@code forewarn.mqtt.rules-topic}), so
 * that no job of another test applies them, and clear them afterwards.
 */
public final class RetainedRules {

  public static final String MQTT_URL =
      TestSchema.env("FOREWARN_TEST_MQTT_URL", "tcp://127.0.0.1:11883");

  private RetainedRules() {}

  /** A topic root of its own for one test class: {@code forewarn-it/<random>/rules}. */
  public static String newRoot() {
    return "forewarn-it/" + UUID.randomUUID().toString().substring(0, 8) + "/rules";
  }

  /** Removes the retained documents of rules under a root. */
  public static void clear(String root, String... ruleIds) throws Exception {
    MqttClient client =
        new MqttClient(MQTT_URL, "retained-" + UUID.randomUUID(), new MemoryPersistence());
    client.connect();
    try {
      for (String ruleId : ruleIds) {
        client.publish(root + "/" + ruleId, new byte[0], 1, true);
      }
    } finally {
      client.disconnect();
      client.close();
    }
  }

  /** The retained document of a rule under a root, or empty when the broker keeps none. */
  public static Optional<String> of(String root, String ruleId) throws Exception {
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    MqttClient client =
        new MqttClient(MQTT_URL, "retained-" + UUID.randomUUID(), new MemoryPersistence());
    try {
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      client.connect(options);
      client.subscribe(
          root + "/" + ruleId,
          1,
          (topic, message) ->
              received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
      // A retained message comes right after the subscription is acknowledged.
      String document = received.poll(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
      return Optional.ofNullable(document).filter(d -> !d.isEmpty());
    } finally {
      client.disconnect();
      client.close();
    }
  }
}
