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
   */
  public void publish(
      IMqttAsyncClient client, String topic, byte[] payload, int qos, boolean retained, Tally tally)
      throws InterruptedException {
    slots.acquire();
    IMqttActionListener outcome = new Outcome(topic, tally);
    while (true) {
      try {
        client.publish(topic, payload, qos, retained, null, outcome);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
          outcome.onFailure(null, e);
          return;
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
