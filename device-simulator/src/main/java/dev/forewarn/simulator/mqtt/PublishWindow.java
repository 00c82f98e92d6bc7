package dev.forewarn.simulator.mqtt;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes without waiting for each acknowledgement, keeping at most {@code size} messages in
 * flight: the publisher blocks only while the window is full, and every acknowledgement (or
 * failure) reopens one slot from Paho's callback. This is what lets one connection reach the
 * broker's rate instead of one round trip per message.
 */
public final class PublishWindow {

  private static final Logger LOG = LoggerFactory.getLogger(PublishWindow.class);

  /** With a full window, this long without a single acknowledgement means the broker is gone. */
  private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

  private final int size;
  private final Semaphore slots;

  public PublishWindow(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size: must be at least 1, got " + size);
    }
    this.size = size;
    this.slots = new Semaphore(size);
  }

  /** How many messages may be in flight at once. */
  public int size() {
    return size;
  }

  /** Messages sent and not yet acknowledged or failed. */
  public int inFlight() {
    return size - slots.availablePermits();
  }

  /**
   * Hands one message to the client and returns once it is queued; the tally learns the outcome
   * later. Blocks only while {@link #size()} messages are already in flight.
   *
   * @throws IllegalStateException when the window stays full for 30 s: nothing is acknowledged
   */
  public void publish(
      IMqttAsyncClient client, String topic, byte[] payload, int qos, boolean retained, Tally tally)
      throws InterruptedException {
    if (!tryPublish(client, topic, payload, qos, retained, tally, STALL_TIMEOUT)) {
      throw new IllegalStateException(
          "no acknowledgement from the broker for "
              + STALL_TIMEOUT.toSeconds()
              + " s with "
              + size
              + " messages in flight");
    }
  }

  /**
   * Like {@link #publish}, but gives up and returns false when the window stays full for {@code
   * wait}; for last messages that are not worth a long wait, such as statuses on the way out.
   */
  public boolean tryPublish(
      IMqttAsyncClient client,
      String topic,
      byte[] payload,
      int qos,
      boolean retained,
      Tally tally,
      Duration wait)
      throws InterruptedException {
    if (!slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    IMqttActionListener outcome = new Outcome(topic, tally);
    while (true) {
      try {
        client.publish(topic, payload, qos, retained, null, outcome);
        return true;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
          outcome.onFailure(null, e);
          return true;
        }
        // Paho frees its own slot a moment after our callback ran: try again shortly.
        LockSupport.parkNanos(100_000);
        if (Thread.interrupted()) {
          slots.release();
          throw new InterruptedException("interrupted while the in-flight window was full");
        }
      }
    }
  }

  /** Waits until every message sent so far has been acknowledged or has failed. */
  public boolean awaitEmpty(Duration timeout) throws InterruptedException {
    if (!slots.tryAcquire(size, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    slots.release(size);
    return true;
  }

  private final class Outcome implements IMqttActionListener {
    private final String topic;
    private final Tally tally;

    Outcome(String topic, Tally tally) {
      this.topic = topic;
      this.tally = tally;
    }

    @Override
    public void onSuccess(IMqttToken token) {
      tally.acknowledge();
      slots.release();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable failure) {
      long failed = tally.fail();
      slots.release();
      // One line for the first failure and then one per thousand: a lost connection fails a whole
      // window at once, and the count matters more than every line.
      if (failed == 1 || failed % 1000 == 0) {
        LOG.warn(
            "publish failed topic={} failed_so_far={} reason={}",
            topic,
            failed,
            failure.toString());
      }
    }
  }
}
