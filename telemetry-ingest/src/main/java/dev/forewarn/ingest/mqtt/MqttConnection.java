package dev.forewarn.ingest.mqtt;

import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.base.source.reader.synchronization.FutureCompletingBlockingQueue;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Paho client for one split. Nothing here blocks the Flink task thread: connecting,
 * reconnecting and subscribing are asynchronous, and messages cross to the task thread through a
 * bounded queue. When that queue is full, Paho's callback thread waits, Paho stops reading the
 * socket and the broker keeps the rest queued: back-pressure instead of loss.
 */
final class MqttConnection implements MqttCallback {

  private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
  private static final long FIRST_RETRY_MS = 500;
  // A refused connect costs the broker next to nothing, while every second between the broker's
  // return and the next attempt is a second the job reads nothing: at most 5 s apart.
  private static final long MAX_RETRY_MS = 5_000;
  private static final long SUBSCRIBE_RETRY_MS = 5_000;

  private final MqttSourceSettings settings;
  private final String clientId;
  private final int queueIndex;
  private final FutureCompletingBlockingQueue<Delivery> queue;
  private final ScheduledExecutorService scheduler;
  private final MqttAsyncClient client;
  private final Subscription subscription;
  private volatile int generation;
  private volatile String syncToken;
  private volatile boolean closed;
  private long retryMs = FIRST_RETRY_MS;

  MqttConnection(
      MqttSourceSettings settings,
      int splitIndex,
      int queueIndex,
      FutureCompletingBlockingQueue<Delivery> queue,
      ScheduledExecutorService scheduler)
      throws MqttException {
    this.settings = settings;
    this.clientId = settings.clientId(splitIndex);
    this.queueIndex = queueIndex;
    this.queue = queue;
    this.scheduler = scheduler;
    this.client = new MqttAsyncClient(settings.serverUri(), clientId, new MemoryPersistence());
    client.setManualAcks(true);
    client.setCallback(this);
    this.subscription =
        new Subscription(
            client,
            settings.topicFilters(),
            retry -> later(retry, SUBSCRIBE_RETRY_MS),
            this::subscribed);
  }

  void start() {
    scheduler.execute(this::connect);
  }

  /** Sends the PUBACK for a message, unless it came over an earlier connect (see Delivery). */
  void acknowledge(int deliveredOn, int messageId, int qos) {
    if (qos != 1 || closed || deliveredOn != generation || !client.isConnected()) {
      return;
    }
    try {
      client.messageArrivedComplete(messageId, qos);
    } catch (MqttException e) {
      LOG.debug("MQTT client {} could not acknowledge message {}: {}", clientId, messageId, e);
    }
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
    if (closed) {
      return; // not acknowledged: the broker delivers it again to the next reader of the session
    }
    MqttRecord record = new MqttRecord(topic, message.getPayload(), System.currentTimeMillis());
    queue.put(
        queueIndex, new Delivery(this, generation, message.getId(), message.getQos(), record));
  }

  @Override
  public void connectionLost(Throwable cause) {
    if (!closed) {
      LOG.warn("MQTT client {} lost its connection ({}); reconnecting", clientId, cause.toString());
      scheduleConnect();
    }
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {
    // Only the end-of-retained-set marker is published, and its arrival is what counts.
  }

  void close() {
    closed = true;
    queue.wakeUpPuttingThread(queueIndex);
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(0, 2_000, true);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("MQTT client {} did not close cleanly: {}", clientId, e.toString());
    }
  }

  private void connect() {
    if (closed) {
      return;
    }
    try {
      client.connect(
          Paho.options(settings), null, Paho.listener(this::connected, this::connectFailed));
    } catch (MqttException e) {
      connectFailed(e);
    }
  }

  private void connected(IMqttToken token) {
    boolean resumed = token.getSessionPresent();
    synchronized (this) {
      generation++;
      retryMs = FIRST_RETRY_MS;
    }
    LOG.info(
        "MQTT client {} connected to {} ({} session)",
        clientId,
        settings.serverUri(),
        resumed ? "resumed" : "new");
    if (!settings.syncTopic().isEmpty()) {
      // Before the subscription, so every retained message it brings is queued after this one.
      syncToken = UUID.randomUUID().toString();
      try {
        queue.put(queueIndex, local(RetainedSet.start(settings.syncTopic(), syncToken)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    subscription.connected(resumed);
  }

  /**
   * The subscription is confirmed: the broker has queued every retained message for it. A marker
   * published now is queued behind them, so its arrival ends the retained set.
   */
  private void subscribed() {
    if (settings.syncTopic().isEmpty()) {
      return;
    }
    String token = syncToken;
    try {
      client.publish(
          settings.syncTopic(),
          RetainedSet.end(token),
          1,
          false,
          null,
          Paho.listener(
              ignored -> {},
              error -> {
                LOG.warn(
                    "MQTT client {} cannot publish the end of the retained set on {} ({});"
                        + " retrying",
                    clientId,
                    settings.syncTopic(),
                    error.toString());
                later(this::subscribed, SUBSCRIBE_RETRY_MS);
              }));
    } catch (MqttException e) {
      LOG.warn("MQTT client {} cannot publish on {}: {}", clientId, settings.syncTopic(), e);
      later(this::subscribed, SUBSCRIBE_RETRY_MS);
    }
  }

  /** A record made here, not received: nothing to acknowledge. */
  private Delivery local(MqttRecord record) {
    return new Delivery(this, generation, 0, 0, record);
  }

  private void connectFailed(Throwable error) {
    LOG.warn(
        "MQTT client {} cannot connect to {} ({}); retrying",
        clientId,
        settings.serverUri(),
        error.toString());
    scheduleConnect();
  }

  private synchronized void scheduleConnect() {
    later(this::connect, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  }

  private void later(Runnable task, long delayMs) {
    if (closed) {
      return;
    }
    try {
      scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("MQTT client {} is shutting down; not retrying", clientId);
    }
  }
}
