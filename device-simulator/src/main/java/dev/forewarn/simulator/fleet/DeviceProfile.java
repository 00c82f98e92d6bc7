package dev.forewarn.simulator.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One simulated device: its identity, scenario and noise-free trajectory. A degrading device's
 * temperature follows {@code base + (level - base) * x²}, where x runs from 0 at the onset to 1 at
 * the failure time, so it reaches the failure level exactly then, and keeps climbing a little
 * after; a sudden fault jumps past the level at the failure time.
 *
 * @param index position in the fleet, from 0
 * @param deviceId the device id used in topics
 * @param model the product model it reports
 * @param scenario what happens to it
 * @param baseTemperature its healthy compressor temperature (°C)
 * @param baseVibration its healthy vibration (mm/s)
 * @param failureLevel the temperature (°C) that means failed
 * @param onset when a degradation starts to show; empty unless degrading
 * @param failureAt when it really fails; empty for a healthy device
 * @param offlineAt when it stops sending; empty when it never does
 */
public record DeviceProfile(
    int index,
    String deviceId,
    String model,
    Scenario scenario,
    double baseTemperature,
    double baseVibration,
    double failureLevel,
    Optional<Instant> onset,
    Optional<Instant> failureAt,
    Optional<Instant> offlineAt) {

  /** Metric name of the compressor temperature, in °C. */
  public static final String TEMPERATURE = "compressor_temp_c";

  /** Metric name of the vibration velocity, in mm/s. */
  public static final String VIBRATION = "vibration_mm_s";

  /** How far past the failure level a failed device drifts, as a share of its climb. */
  private static final double OVERSHOOT = 0.15;

  public DeviceProfile {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(onset, "onset");
    Objects.requireNonNull(failureAt, "failureAt");
    Objects.requireNonNull(offlineAt, "offlineAt");
    if (scenario != Scenario.HEALTHY && failureAt.isEmpty()) {
      throw new IllegalArgumentException(
          "failureAt: required for a " + scenario.csvName() + " device");
    }
  }

  /** The noise-free compressor temperature at event time {@code t}. */
  public double temperatureAt(Instant t) {
    return baseTemperature + (failureLevel - baseTemperature) * wear(t);
  }

  /** The noise-free vibration at event time {@code t}; it rises with the same wear. */
  public double vibrationAt(Instant t) {
    return baseVibration * (1 + 1.5 * wear(t));
  }

  /** Whether the device has stopped sending by {@code t}. */
  public boolean isOfflineAt(Instant t) {
    return offlineAt.isPresent() && !t.isBefore(offlineAt.get());
  }

  /** 0 while healthy, 1 at the failure time, a little more after it. */
  private double wear(Instant t) {
    if (scenario == Scenario.HEALTHY) {
      return 0;
    }
    Instant failure = failureAt.orElseThrow();
    if (scenario == Scenario.SUDDEN_FAULT) {
      return t.isBefore(failure) ? 0 : 1 + OVERSHOOT;
    }
    Instant start = onset.orElse(failure);
    if (t.isBefore(start)) {
      return 0;
    }
    double climb = seconds(Duration.between(start, failure));
    double x =
        climb <= 0 ? (t.isBefore(failure) ? 0 : 1) : seconds(Duration.between(start, t)) / climb;
    return x <= 1 ? x * x : 1 + Math.min(OVERSHOOT, OVERSHOOT * (x - 1));
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
