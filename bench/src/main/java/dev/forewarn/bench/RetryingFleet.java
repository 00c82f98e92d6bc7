package dev.forewarn.bench;

import dev.forewarn.rules.reading.ReadingJson;
import dev.forewarn.simulator.fleet.Outgoing;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Plays a fleet's readings at their due times, QoS 1, each one retried until the broker has
 * acknowledged it, as a device that keeps its unsent readings does: while the broker is away the
 * readings wait and then go out late, in order. A reading whose acknowledgement was lost may reach
 * the broker twice; the job's sinks are idempotent.
 */
final class RetryingFleet implements AutoCloseable {

  private static final long RETRY_PAUSE_MS = 200;

  private final String url;
  private final String clientId;
  private final List<Outgoing.Telemetry> readings;
  private final Thread thread;
  private MqttClient client;
  private volatile boolean stopping;
  private volatile long sent;
  private volatile long retries;
  private volatile long startedNanos;
  private volatile long finishedNanos;
  private volatile Exception failure;

  RetryingFleet(String url, String clientId, List<Outgoing.Telemetry> readings) {
    this.url = url;
    this.clientId = clientId;
    this.readings = List.copyOf(readings);
    this.thread = new Thread(this::play, "fault-fleet");
    thread.setDaemon(true);
  }

  /** Starts playing in the background; the readings' due times count from now. */
  void start() {
    startedNanos = System.nanoTime();
    thread.start();
  }

  /** System.nanoTime() at the start. */
  long startedNanos() {
    return startedNanos;
  }

  /** System.nanoTime() when the broker acknowledged the last reading; 0 until then. */
  long finishedNanos() {
    return finishedNanos;
  }

  /** Readings the broker has acknowledged so far. */
  long sent() {
    return sent;
  }

  /** Attempts that failed and were made again. */
  long retries() {
    return retries;
  }

  /** Waits until every reading is acknowledged; false when the patience ran out. */
  boolean await(Duration patience) throws Exception {
    thread.join(patience.toMillis());
    if (failure != null) {
      throw failure;
    }
    return !thread.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    thread.join(TimeUnit.SECONDS.toMillis(15));
    try {
      if (client != null) {
        if (client.isConnected()) {
          client.disconnect(2_000);
        }
        client.close(true);
      }
    } catch (MqttException e) {
      // the run is over; nothing waits on this connection
    }
  }

  private void play() {
    try {
      client = new MqttClient(url, clientId, new MemoryPersistence());
      // A lost connection fails the publish at once; a publish that hangs gives up after this.
      client.setTimeToWait(5_000);
      for (Outgoing.Telemetry reading : readings) {
        long due = startedNanos + reading.dueNanos();
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        byte[] payload = ReadingJson.write(reading.reading());
        String topic = ReadingJson.telemetryTopic(reading.deviceId());
        while (!publish(topic, payload)) {
          if (stopping) {
            return;
          }
          retries++;
          Thread.sleep(RETRY_PAUSE_MS);
        }
        sent++;
      }
      finishedNanos = System.nanoTime();
    } catch (Exception e) {
      failure = e;
    }
  }

  private boolean publish(String topic, byte[] payload) {
    try {
      if (!client.isConnected()) {
        MqttConnectOptions options = new MqttConnectOptions();
        // The fleet's own retries carry its readings across a broker restart; the persistent
        // sessions that matter are the job's, which hold what the broker queued for it.
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(10);
        client.connect(options);
      }
      client.publish(topic, payload, 1, false);
      return true;
    } catch (MqttException e) {
      return false;
    }
  }
}
