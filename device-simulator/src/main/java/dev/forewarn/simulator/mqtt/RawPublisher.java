package dev.forewarn.simulator.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Publishes prepared payloads over one connection as fast as the broker accepts them, or at a set
 * rate, with a bounded in-flight window, and reports the rate achieved. Preparing the payloads
 * beforehand keeps their encoding out of the measurement.
 */
public final class RawPublisher implements AutoCloseable {

  /** One prepared message. */
  public record Message(String topic, byte[] payload) {
    public Message {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(payload, "payload");
    }
  }

  /**
   * What one batch achieved.
   *
   * @param published messages the broker acknowledged (for QoS 0: written to the socket)
   * @param failed messages that could not be published
   * @param elapsed from the first send to the last acknowledgement
   */
  public record Result(long published, long failed, Duration elapsed) {
    /** Acknowledged messages per second. */
    public double messagesPerSecond() {
      double seconds = elapsed.toNanos() / 1e9;
      return seconds > 0 ? published / seconds : 0;
    }
  }

  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);

  private final MqttAsyncClient client;
  private final int qos;
  private final PublishWindow window;

  private RawPublisher(MqttAsyncClient client, int qos, PublishWindow window) {
    this.client = client;
    this.qos = qos;
    this.window = window;
  }

  /**
   * Connects one client with a clean session.
   *
   * @param maxInflight messages published and not yet acknowledged, at most (1 to 65535)
   * @throws MqttException when the broker cannot be reached
   */
  public static RawPublisher connect(String mqttUrl, String clientId, int qos, int maxInflight)
      throws MqttException {
    return connect(mqttUrl, clientId, qos, maxInflight, null);
  }

  /**
   * Connects one client with a clean session through the given socket factory.
   *
   * @param sockets where Paho gets its socket from; null for Paho's default
   * @throws MqttException when the broker cannot be reached
   */
  public static RawPublisher connect(
      String mqttUrl, String clientId, int qos, int maxInflight, SocketFactory sockets)
      throws MqttException {
    // Checks the arguments with the same rules and messages as the simulator's own settings.
    new MqttSettings(mqttUrl, clientId, qos, maxInflight, 0);
    MqttAsyncClient client = new MqttAsyncClient(mqttUrl, clientId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setConnectionTimeout(10);
    options.setMaxInflight(maxInflight);
    if (sockets != null) {
      options.setSocketFactory(sockets);
    }
    client.connect(options).waitForCompletion();
    return new RawPublisher(client, qos, new PublishWindow(maxInflight));
  }

  /** Publishes every message as fast as the broker acknowledges them. */
  public Result publishAll(List<Message> messages) throws InterruptedException {
    return publishAll(messages, 0, index -> {});
  }

  /**
   * Publishes every message in order, not faster than {@code messagesPerSecond} (0: no limit), and
   * waits for the last acknowledgement.
   *
   * @param onSent called with each message's index right after it is handed to the client, e.g. to
   *     note when a reading left for a latency measurement
   */
  public Result publishAll(List<Message> messages, double messagesPerSecond, IntConsumer onSent)
      throws InterruptedException {
    Tally tally = new Tally();
    long start = System.nanoTime();
    for (int i = 0; i < messages.size(); i++) {
      if (messagesPerSecond > 0) {
        long due = start + Math.round(i * 1e9 / messagesPerSecond);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
      }
      Message message = messages.get(i);
      window.publish(client, message.topic(), message.payload(), qos, false, tally);
      onSent.accept(i);
    }
    if (!window.awaitEmpty(DRAIN_TIMEOUT)) {
      throw new IllegalStateException(
          window.inFlight() + " messages still unacknowledged after " + DRAIN_TIMEOUT);
    }
    return new Result(
        tally.acknowledged(), tally.failed(), Duration.ofNanos(System.nanoTime() - start));
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(DRAIN_TIMEOUT.toMillis());
    }
    client.close();
  }
}
