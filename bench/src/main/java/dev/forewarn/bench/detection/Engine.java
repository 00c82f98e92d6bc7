package dev.forewarn.bench.detection;

import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One engine's run to failure: its readings in event-time order, the last of them its failure.
 *
 * @param deviceId the engine's device id
 * @param readings at least one, oldest first
 */
record Engine(String deviceId, List<Reading> readings) {

  Engine {
    readings = List.copyOf(readings);
    if (readings.isEmpty()) {
      throw new IllegalArgumentException(deviceId + ": no readings");
    }
  }

  /** The engines of a fleet, in order of first appearance, each engine's readings by time. */
  static List<Engine> of(List<Reading> readings) {
    Map<String, List<Reading>> byDevice = new LinkedHashMap<>();
    readings.forEach(r -> byDevice.computeIfAbsent(r.deviceId(), d -> new ArrayList<>()).add(r));
    List<Engine> engines = new ArrayList<>();
    byDevice.forEach(
        (device, own) -> {
          own.sort(Comparator.comparing(Reading::ts));
          engines.add(new Engine(device, own));
        });
    return engines;
  }

  /** Time since the engine's first reading, in units (hours for C-MAPSS, where it is cycle − 1). */
  double age(int index, Duration unit) {
    return units(readings.get(0), readings.get(index), unit);
  }

  /** Time from a reading to the failure (the last reading), in units: the true remaining life. */
  double remainingLife(int index, Duration unit) {
    return units(readings.get(index), readings.get(readings.size() - 1), unit);
  }

  /** A metric's value in one reading, refusing readings that lack it. */
  double value(int index, String metric) {
    Reading reading = readings.get(index);
    Double value = reading.metrics().get(metric);
    if (value == null) {
      throw new IllegalArgumentException(
          deviceId + " at " + reading.ts() + ": no metric " + metric);
    }
    return value;
  }

  private static double units(Reading from, Reading to, Duration unit) {
    return (double) Duration.between(from.ts(), to.ts()).toNanos() / unit.toNanos();
  }
}
