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
 * The subscription of one connection. It subscribes when the broker started a new session. A
 * resumed session still holds its plain subscriptions, and subscribing to them again would bring
 * their retained messages a second time; but Mosquitto (2.0) keeps a persistent session across its
 * own restart without its shared subscriptions ({@code $share/...}), so that a resumed session
 * would receive nothing more: those are subscribed again on every resumed session (replacing one
 * the broker still holds, which the protocol allows). A subscription sent on a new session but
 * never confirmed, say because the connection dropped before the SUBACK, is sent again on the next
 * connect. Subscribing never blocks: Paho reports the outcome on its own thread, and a blocking
 * subscribe while the broker floods a resumed session's backlog deadlocks the reader.
 */
final class Subscription {

  private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
  private static final int REFUSED = 0x80;

  private final IMqttAsyncClient client;
  private final String[] topicFilters;
  private final String[] sharedFilters;
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
    this.sharedFilters =
        topicFilters.stream().filter(filter -> filter.startsWith("$share/")).toArray(String[]::new);
    this.retryLater = retryLater;
    this.onSubscribed = onSubscribed;
  }

  /** Called on every successful connect. */
  void connected(boolean sessionResumed) {
    if (!sessionResumed) {
      pending = true;
    }
    if (pending) {
      subscribe(topicFilters);
    } else if (sharedFilters.length > 0) {
      subscribe(sharedFilters);
    }
  }

  private void subscribe(String[] filters) {
    if (!client.isConnected()) {
      return; // the next connect subscribes
    }
    int[] qos = new int[filters.length];
    Arrays.fill(qos, 1);
    try {
      client.subscribe(
          filters,
          qos,
          null,
          Paho.listener(token -> answered(token, filters), error -> failed(error, filters)));
    } catch (MqttException e) {
      failed(e, filters);
    }
  }

  private void answered(IMqttToken token, String[] filters) {
    int[] granted = token.getGrantedQos();
    if (granted != null && Arrays.stream(granted).anyMatch(answer -> answer == REFUSED)) {
      failed(new MqttException(REFUSED), filters);
      return;
    }
    if (filters == topicFilters) {
      pending = false;
    }
    LOG.info("MQTT client {} subscribed to {}", client.getClientId(), Arrays.toString(filters));
    onSubscribed.run();
  }

  private void failed(Throwable error, String[] filters) {
    LOG.error(
        "MQTT client {} cannot subscribe to {} ({}); retrying",
        client.getClientId(),
        Arrays.toString(filters),
        error.toString());
    retryLater.accept(() -> subscribe(filters));
  }
}
