package dev.forewarn.ingest.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain Paho publisher on the test broker, and session clean-up after a test. */
public final class Mqtt implements AutoCloseable {

  private final MqttClient client;

  public Mqtt() throws MqttException {
    client =
        new MqttClient(
            Services.mqttUrl(), "it-publisher-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMaxInflight(1_000);
    client.connect(options);
  }

  public void publish(String topic, byte[] payload) throws MqttException {
    client.publish(topic, payload, 1, false);
  }

  public void publish(String topic, String payload) throws MqttException {
    publish(topic, payload.getBytes(StandardCharsets.UTF_8));
  }

  /** A message a subscription received. */
  public record Received(String topic, byte[] payload, boolean retained) {}

  /** Subscribes (QoS 1); what arrives is appended to the returned list, which is thread-safe. */
  public List<Received> subscribe(String topicFilter) throws MqttException {
    List<Received> received = new CopyOnWriteArrayList<>();
    client.subscribe(
        topicFilter,
        1,
        (topic, message) ->
            received.add(new Received(topic, message.getPayload(), message.isRetained())));
    return received;
  }

  public void retain(String topic, String payload) throws MqttException {
    client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
  }

  /** Clears a retained message. */
  public void clearRetained(String topic) throws MqttException {
    client.publish(topic, new byte[0], 1, true);
  }

  /**
   * Ends persistent sessions a test created, so the broker stops queueing messages for them:
   * connecting with a clean session discards the old one.
   */
  public static void discardSessions(String... clientIds) throws MqttException {
    for (String clientId : clientIds) {
      MqttClient cleaner = new MqttClient(Services.mqttUrl(), clientId, new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      cleaner.connect(options);
      cleaner.disconnect();
      cleaner.close();
    }
  }

  @Override
  public void close() throws MqttException {
    client.disconnect();
    client.close();
  }
}
