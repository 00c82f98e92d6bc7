package dev.forewarn.bench;

import dev.forewarn.simulator.mqtt.RawPublisher;
import dev.forewarn.simulator.mqtt.RawPublisher.Message;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * (a) What the broker and Paho carry on this machine with nothing else in the way: the publisher
 * the pipeline run uses, and a QoS 1 subscriber that only counts.
 */
final class LimitRun {

  private LimitRun() {}

  /** Messages per second from the first publish to the last message received. */
  static double measure(BenchConfig config, String run, List<Message> messages) throws Exception {
    CountDownLatch all = new CountDownLatch(1);
    AtomicLong received = new AtomicLong();
    AtomicLong lastNanos = new AtomicLong();
    MqttAsyncClient subscriber =
        new MqttAsyncClient(
            config.mqttUrl(), "bench-" + run + "-limit-sub", new MemoryPersistence());
    subscriber.setCallback(
        new MqttCallback() {
          @Override
          public void messageArrived(String topic, MqttMessage message) {
            if (received.incrementAndGet() == messages.size()) {
              lastNanos.set(System.nanoTime());
              all.countDown();
            }
          }

          @Override
          public void connectionLost(Throwable cause) {}

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    subscriber.connect(options).waitForCompletion(10_000);
    // A wildcard takes a whole topic level, so this sees any telemetry: run it on a quiet broker.
    subscriber.subscribe("devices/+/telemetry", 1).waitForCompletion(10_000);
    try (RawPublisher publisher =
        RawPublisher.connect(
            config.mqttUrl(), "bench-" + run + "-limit-pub", 1, config.maxInflight())) {
      long start = System.nanoTime();
      publisher.publishAll(messages);
      if (!all.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "subscriber received " + received.get() + " of " + messages.size() + " messages");
      }
      return messages.size() / ((lastNanos.get() - start) / 1e9);
    } finally {
      subscriber.disconnect().waitForCompletion(5_000);
      subscriber.close();
    }
  }
}
