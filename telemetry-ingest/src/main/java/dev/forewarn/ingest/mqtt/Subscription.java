package dev.forewarn.ingest.mqtt;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription of one connection. It subscribes only when the broker started a new session: a
 * resumed session still holds its subscription, and subscribing again while the broker floods the
 * backlog only races it (a blocking subscribe there deadlocks the reader). A subscription sent on a
 * new session but never confirmed, say because the connection dropped before the SUBACK, is sent
 * again on the next connect. Subscribing never blocks: Paho reports the outcome on its own thread.
 */
final class Subscription {

  private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
  private static final int REFUSED = 0x80;

  private final IMqttAsyncClient client;
  private final String[] topicFilters;
  private final int[] qos;
  private final Consumer<Runnable> retryLater;
  private final Runnable onSubscribed;
  // A new session was started and our subscription on it is not confirmed yet.
  private volatile boolean pending;

  /**
   * @param retryLater schedules a retry a few seconds later (and drops it once the connection is
   *     closed)
   */
  Subscription(
      IMqttAsyncClient client,
      List<String> topicFilters,
      Consumer<Runnable> retryLater,
      Runnable onSubscribed) {
    this.client = client;
    this.topicFilters = topicFilters.toArray(String[]::new);
    this.qos = new int[this.topicFilters.length];
    Arrays.fill(qos, 1);
    this.retryLater = retryLater;
    this.onSubscribed = onSubscribed;
  }

  /** Called on every successful connect. */
  void connected(boolean sessionResumed) {
    if (!sessionResumed) {
      pending = true;
    }
    if (pending) {
      subscribe();
    }
  }

  private void subscribe() {
    if (!client.isConnected()) {
      return; // the next connect subscribes
    }
    try {
      client.subscribe(topicFilters, qos, null, Paho.listener(this::answered, this::failed));
    } catch (MqttException e) {
      failed(e);
    }
  }

  private void answered(IMqttToken token) {
    int[] granted = token.getGrantedQos();
    if (granted != null && Arrays.stream(granted).anyMatch(answer -> answer == REFUSED)) {
      failed(new MqttException(REFUSED));
      return;
    }
    pending = false;
    LOG.info(
        "MQTT client {} subscribed to {}", client.getClientId(), Arrays.toString(topicFilters));
    onSubscribed.run();
  }

  private void failed(Throwable error) {
    LOG.error(
        "MQTT client {} cannot subscribe to {} ({}); retrying",
        client.getClientId(),
        Arrays.toString(topicFilters),
        error.toString());
    retryLater.accept(this::subscribe);
  }
}
