package dev.forewarn.simulator.fleet;

import dev.forewarn.rules.reading.Reading;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The run's messages in the order they are sent, each with its due time; pure and deterministic, so
 * a test can compute exactly what a run publishes. Slot {@code m} belongs to device {@code m %
 * devices}, whose seq is {@code m / devices}; it is due {@code m / rate} wall seconds after the
 * start and carries the event time {@code start + m / rate * timeScale}, truncated to milliseconds.
 */
public final class FleetScript implements Iterator<Outgoing> {

  private final List<DeviceProfile> fleet;
  private final Pace pace;
  private final Impairments impairments;
  private final long slots;
  private final SplittableRandom[] randoms;
  private final Reading[] held;
  private final boolean[] announcedOffline;
  private final ArrayDeque<Outgoing> ready = new ArrayDeque<>();
  private long slot;
  private boolean flushed;

  public FleetScript(List<DeviceProfile> fleet, Pace pace, Impairments impairments, long seed) {
    this.fleet = List.copyOf(fleet);
    this.pace = pace;
    this.impairments = impairments;
    int devices = fleet.size();
    long byDuration = (long) Math.ceil(pace.duration().toNanos() / 1e9 * pace.rate() - 1e-9);
    this.slots =
        pace.readingsPerDevice() > 0
            ? Math.min(byDuration, pace.readingsPerDevice() * devices)
            : byDuration;
    this.randoms = new SplittableRandom[devices];
    for (int i = 0; i < devices; i++) {
      randoms[i] = Seeds.stream(seed, i, Seeds.READINGS);
    }
    this.held = new Reading[devices];
    this.announcedOffline = new boolean[devices];
  }

  /** Every message of the run at once; for tests and prepared benchmarks, not for long runs. */
  public static List<Outgoing> all(
      List<DeviceProfile> fleet, Pace pace, Impairments impairments, long seed) {
    List<Outgoing> messages = new ArrayList<>();
    new FleetScript(fleet, pace, impairments, seed).forEachRemaining(messages::add);
    return messages;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && slot < slots) {
      play(slot++);
    }
    if (ready.isEmpty() && !flushed) {
      flushHeld(dueNanos(Math.max(0, slots - 1)));
      flushed = true;
    }
    return !ready.isEmpty();
  }

  @Override
  public Outgoing next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the fleet script has ended");
    }
    return ready.poll();
  }

  private void play(long m) {
    int i = (int) (m % fleet.size());
    DeviceProfile device = fleet.get(i);
    SplittableRandom random = randoms[i];
    // Always draw the same five numbers per slot: the values never depend on which impairments
    // are switched on.
    double temperatureNoise = clippedGaussian(random) * impairments.noise();
    double vibrationNoise = clippedGaussian(random) * 0.05;
    boolean lost = random.nextDouble() < impairments.gapRate();
    boolean doubled = random.nextDouble() < impairments.duplicateRate();
    boolean late = random.nextDouble() < impairments.outOfOrderRate();
    long due = dueNanos(m);
    Instant ts = eventTime(m);
    if (device.isOfflineAt(ts)) {
      goOffline(i, due);
      return;
    }
    if (lost) {
      return;
    }
    Reading reading =
        new Reading(
            device.deviceId(),
            ts,
            m / fleet.size(),
            device.model(),
            Map.of(
                DeviceProfile.TEMPERATURE, round(device.temperatureAt(ts) + temperatureNoise),
                DeviceProfile.VIBRATION, round(device.vibrationAt(ts) + vibrationNoise)));
    if (late && held[i] == null) {
      held[i] = reading;
      return;
    }
    ready.add(new Outgoing.Telemetry(due, reading));
    if (doubled) {
      ready.add(new Outgoing.Telemetry(due, reading));
    }
    if (held[i] != null) {
      ready.add(new Outgoing.Telemetry(due, held[i]));
      held[i] = null;
    }
  }

  private void goOffline(int i, long due) {
    if (announcedOffline[i]) {
      return;
    }
    if (held[i] != null) {
      ready.add(new Outgoing.Telemetry(due, held[i]));
      held[i] = null;
    }
    ready.add(new Outgoing.Offline(due, fleet.get(i).deviceId()));
    announcedOffline[i] = true;
  }

  private void flushHeld(long due) {
    for (int i = 0; i < held.length; i++) {
      if (held[i] != null) {
        ready.add(new Outgoing.Telemetry(due, held[i]));
        held[i] = null;
      }
    }
  }

  private long dueNanos(long m) {
    return Math.round(m * 1e9 / pace.rate());
  }

  private Instant eventTime(long m) {
    long nanos = Math.round(m / pace.rate() * pace.timeScale() * 1e9);
    return pace.start().plusNanos(nanos).truncatedTo(ChronoUnit.MILLIS);
  }

  private static double clippedGaussian(SplittableRandom random) {
    return Math.max(-3, Math.min(3, random.nextGaussian()));
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
