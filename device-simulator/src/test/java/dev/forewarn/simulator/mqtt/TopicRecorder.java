package dev.forewarn.simulator.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain Paho subscriber for tests that records every message it receives, in order. */
public final class TopicRecorder implements AutoCloseable {

  /** One received message. */
  public record Received(String topic, byte[] payload, boolean retained) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** The broker the integration tests use: the project's own Mosquitto unless told otherwise. */
  public static final String MQTT_URL =
      System.getenv().getOrDefault("FOREWARN_TEST_MQTT_URL", "tcp://127.0.0.1:11883");

  private final MqttClient client;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

  private TopicRecorder(MqttClient client) {
    this.client = client;
  }

  /** Connects with a unique client id and subscribes at QoS 1 before returning. */
  public static TopicRecorder subscribe(List<String> topics) throws MqttException {
    MqttClient client =
        new MqttClient(MQTT_URL, "it-recorder-" + UUID.randomUUID(), new MemoryPersistence());
    TopicRecorder recorder = new TopicRecorder(client);
    client.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {}

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            recorder.received.add(new Received(topic, message.getPayload(), message.isRetained()));
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMaxInflight(1000);
    client.connect(options);
    int[] qos = new int[topics.size()];
    java.util.Arrays.fill(qos, 1);
    client.subscribe(topics.toArray(String[]::new), qos);
    return recorder;
  }

  /** Everything received so far, in arrival order. */
  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** What was received on topics ending with the suffix, in arrival order. */
  public List<Received> receivedOn(String topicSuffix) {
    return received().stream().filter(r -> r.topic().endsWith(topicSuffix)).toList();
  }

  /** Removes retained messages from the broker, so that tests leave nothing behind. */
  public static void clearRetained(List<String> topics) throws MqttException {
    MqttClient client =
        new MqttClient(MQTT_URL, "it-cleaner-" + UUID.randomUUID(), new MemoryPersistence());
    client.connect();
    for (String topic : topics) {
      client.publish(topic, new byte[0], 1, true);
    }
    client.disconnect();
    client.close();
  }

  @Override
  public void close() throws MqttException {
    client.disconnect();
    client.close();
  }
}
