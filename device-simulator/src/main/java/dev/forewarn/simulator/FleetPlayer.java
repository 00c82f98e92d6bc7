package dev.forewarn.simulator;

import dev.forewarn.simulator.fleet.DeviceProfile;
import dev.forewarn.simulator.fleet.FleetScript;
import dev.forewarn.simulator.fleet.Outgoing;
import dev.forewarn.simulator.mqtt.FleetConnections;
import dev.forewarn.simulator.mqtt.PublishWindow;
import dev.forewarn.simulator.mqtt.RawPublisher.Message;
import dev.forewarn.simulator.mqtt.Tally;
import dev.forewarn.simulator.mqtt.WireFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the fleet script's messages at their due times. Pacing is by absolute due time from the
 * start, so a slow moment is caught up rather than stretching the whole run.
 */
final class FleetPlayer {

  private static final Logger LOG = LoggerFactory.getLogger(FleetPlayer.class);
  private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
  private static final long MAX_PARK_NANOS = Duration.ofMillis(50).toNanos();

  private final FleetConnections connections;
  private final PublishWindow window;
  private final int qos;
  private final Tally telemetry;
  private final WireFormat wire;
  private final Map<String, Integer> indexById = new HashMap<>();

  FleetPlayer(
      List<DeviceProfile> fleet,
      FleetConnections connections,
      PublishWindow window,
      int qos,
      WireFormat.Kind format,
      Tally telemetry) {
    this.wire = new WireFormat(format);
    this.connections = connections;
    this.window = window;
    this.qos = qos;
    this.telemetry = telemetry;
    fleet.forEach(device -> indexById.put(device.deviceId(), device.index()));
  }

  /**
   * Plays the script until it ends or {@code stopping} turns true.
   *
   * @param startNanos the {@link System#nanoTime()} that due times count from
   * @param progress the summary logged every ten seconds
   */
  void play(
      FleetScript script, long startNanos, BooleanSupplier stopping, Supplier<String> progress)
      throws InterruptedException {
    long nextProgress = startNanos + PROGRESS_EVERY_NANOS;
    while (!stopping.getAsBoolean() && script.hasNext()) {
      Outgoing message = script.next();
      if (!sleepUntil(startNanos + message.dueNanos(), stopping)) {
        return;
      }
      send(message);
      if (System.nanoTime() >= nextProgress) {
        nextProgress += PROGRESS_EVERY_NANOS;
        LOG.info("progress {} in_flight={}", progress.get(), window.inFlight());
      }
    }
  }

  private void send(Outgoing message) throws InterruptedException {
    int index = indexById.get(message.deviceId());
    if (message instanceof Outgoing.Telemetry telemetryMessage) {
      Message encoded = wire.encode(telemetryMessage.reading());
      window.publish(
          connections.clientFor(index), encoded.topic(), encoded.payload(), qos, false, telemetry);
    } else {
      connections.offline(index);
      LOG.info("device offline device_id={}", message.deviceId());
    }
  }

  /** Parks until the due time; false when the run was stopped meanwhile. */
  private static boolean sleepUntil(long due, BooleanSupplier stopping)
      throws InterruptedException {
    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
      if (stopping.getAsBoolean()) {
        return false;
      }
      LockSupport.parkNanos(Math.min(wait, MAX_PARK_NANOS));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    return !stopping.getAsBoolean();
  }
}
