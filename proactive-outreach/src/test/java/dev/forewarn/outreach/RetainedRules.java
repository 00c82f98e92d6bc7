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
 */
public final class RetainedRules {

  public static final String MQTT_URL =
      TestSchema.env("FOREWARN_TEST_MQTT_URL", "tcp://127.0.0.1:11883");

  private RetainedRules() {}

  /** The retained document of a rule, or empty when the broker keeps none. */
  public static Optional<String> of(String ruleId) throws Exception {
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    MqttClient client =
        new MqttClient(MQTT_URL, "retained-" + UUID.randomUUID(), new MemoryPersistence());
    try {
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      client.connect(options);
      client.subscribe(
          "forewarn/rules/" + ruleId,
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
