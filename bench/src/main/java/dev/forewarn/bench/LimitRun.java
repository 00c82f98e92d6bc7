package dev.forewarn.bench;

import dev.forewarn.ingest.mqtt.BufferedSockets;
import dev.forewarn.simulator.mqtt.RawPublisher;
import dev.forewarn.simulator.mqtt.RawPublisher.Message;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * (a) What the broker and Paho carry on this machine with nothing else in the way: the publisher
 * the pipeline run uses, and a QoS 1 subscriber that only counts.
 */
final class LimitRun implements AutoCloseable {

  private final MqttAsyncClient subscriber;
  private final RawPublisher publisher;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong lastNanos = new AtomicLong();
  private long sent;

  private LimitRun(MqttAsyncClient subscriber, RawPublisher publisher) {
    this.subscriber = subscriber;
    this.publisher = publisher;
  }

  /** Connects the counting subscriber and the publisher. */
  static LimitRun connect(BenchConfig config, String run) throws MqttException {
    MqttAsyncClient subscriber =
        new MqttAsyncClient(
            config.mqttUrl(), "bench-" + run + "-limit-sub", new MemoryPersistence());
    LimitRun limit =
        new LimitRun(
            subscriber,
            RawPublisher.connect(
                config.mqttUrl(),
                "bench-" + run + "-limit-pub",
                1,
                config.maxInflight(),
                BufferedSockets.forUri(config.mqttUrl()).orElse(null)));
    subscriber.setCallback(limit.counter());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    // Connected the way the job's readers are, so that (a) and (b) differ only by the job.
    BufferedSockets.forUri(config.mqttUrl()).ifPresent(options::setSocketFactory);
    subscriber.connect(options).waitForCompletion(10_000);
    // A wildcard takes a whole topic level, so this sees any telemetry: run it on a quiet broker.
    subscriber.subscribe("devices/+/telemetry", 1).waitForCompletion(10_000);
    return limit;
  }

  /** Publishes messages and waits until the subscriber has them all, unmeasured. */
  void warmUp(List<Message> messages) throws InterruptedException {
    send(messages);
  }

  /** Messages per second from the first publish to the last message received. */
  double measure(List<Message> messages) throws InterruptedException {
    long start = System.nanoTime();
    send(messages);
    return messages.size() / ((lastNanos.get() - start) / 1e9);
  }

  private void send(List<Message> messages) throws InterruptedException {
    publisher.publishAll(messages);
    sent += messages.size();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (received.get() < sent) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "subscriber received " + received.get() + " of " + sent + " messages");
      }
      Thread.sleep(1);
    }
  }

  private MqttCallback counter() {
    return new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received.incrementAndGet();
        lastNanos.set(System.nanoTime());
      }

      @Override
      public void connectionLost(Throwable cause) {}

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    };
  }

  @Override
  public void close() throws MqttException {
    try {
      publisher.close();
    } finally {
      subscriber.disconnect().waitForCompletion(5_000);
      subscriber.close();
    }
  }
}
