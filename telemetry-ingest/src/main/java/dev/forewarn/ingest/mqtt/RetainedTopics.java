package dev.forewarn.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Finds and clears the retained messages under a topic filter. A broker sends the retained messages
 * of a new subscription before anything published after it, so a marker published once subscribed
 * arrives after the last of them: no guessing how long to listen. The marker is an ordinary message
 * under the filter, so this is for topics nobody reads any more.
 */
public final class RetainedTopics {

  private RetainedTopics() {}

  /**
   * The topics under {@code topicFilter} that hold a retained message.
   *
   * @throws IllegalStateException when the marker did not come back within {@code patience}
   */
  public static List<String> list(String serverUri, String topicFilter, Duration patience)
      throws MqttException, InterruptedException {
    try (Connection connection = new Connection(serverUri, patience)) {
      return connection.retained(topicFilter);
    }
  }

  /**
   * Replaces each retained message under {@code topicFilter} with an empty retained message, which
   * removes it.
   *
   * @return how many there were
   * @throws IllegalStateException when the marker did not come back within {@code patience}
   */
  public static int clear(String serverUri, String topicFilter, Duration patience)
      throws MqttException, InterruptedException {
    try (Connection connection = new Connection(serverUri, patience)) {
      List<String> topics = connection.retained(topicFilter);
      for (String topic : topics) {
        connection.client.publish(topic, new byte[0], 1, true);
      }
      return topics.size();
    }
  }

  private static final class Connection implements MqttCallback, AutoCloseable {

    private final String token = "forewarn-retained-" + UUID.randomUUID();
    private final Duration patience;
    private final MqttClient client;
    private final List<String> retained = new ArrayList<>();
    private final CountDownLatch markerSeen = new CountDownLatch(1);

    Connection(String serverUri, Duration patience) throws MqttException {
      this.patience = patience;
      this.client = new MqttClient(serverUri, token, new MemoryPersistence());
      client.setCallback(this);
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      options.setConnectionTimeout((int) Math.max(1, patience.toSeconds()));
      client.connect(options);
    }

    List<String> retained(String topicFilter) throws MqttException, InterruptedException {
      client.subscribe(topicFilter, 1);
      String markerTopic = topicFilter.replace("#", token).replace("+", token);
      client.publish(markerTopic, token.getBytes(StandardCharsets.UTF_8), 1, false);
      if (!markerSeen.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "no answer from " + client.getServerURI() + " within " + patience.toSeconds() + " s");
      }
      client.unsubscribe(topicFilter);
      synchronized (retained) {
        return List.copyOf(retained);
      }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (message.isRetained() && message.getPayload().length > 0) {
        synchronized (retained) {
          retained.add(topic);
        }
      } else if (token.equals(new String(message.getPayload(), StandardCharsets.UTF_8))) {
        markerSeen.countDown();
      }
    }

    @Override
    public void connectionLost(Throwable cause) {}

    @Override
    public void deliveryComplete(IMqttDeliveryToken delivery) {}

    @Override
    public void close() throws MqttException {
      if (client.isConnected()) {
        client.disconnect();
      }
      client.close();
    }
  }
}
