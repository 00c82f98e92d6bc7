package dev.forewarn.simulator.fleet;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is in the fleet and what happens to them.
 *
 * @param devices number of devices
 * @param devicePrefix device ids are this prefix and a zero-padded number, e.g. {@code sim-0001}
 * @param model product model every device reports
 * @param degrading devices whose temperature climbs to the failure level at their failure time
 * @param sudden devices whose temperature steps above the failure level at their failure time
 * @param offline devices that stop sending part-way and are marked offline
 * @param failureLevel compressor temperature (°C) at which a device has failed
 * @param failureAfter simulated time from the start to every failure; empty: drawn per device
 * @param ramp simulated duration of a degradation's climb; empty: two thirds of the time to failure
 * @param seed everything random is drawn from this, so a seed replays the same fleet
 */
public record FleetSettings(
    int devices,
    String devicePrefix,
    String model,
    int degrading,
    int sudden,
    int offline,
    double failureLevel,
    Optional<Duration> failureAfter,
    Optional<Duration> ramp,
    long seed) {

  public FleetSettings {
    Objects.requireNonNull(devicePrefix, "devicePrefix");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(failureAfter, "failureAfter");
    Objects.requireNonNull(ramp, "ramp");
    if (devices < 1) {
      throw new IllegalArgumentException("devices: must be at least 1, got " + devices);
    }
    if (degrading < 0 || sudden < 0 || degrading + sudden > devices) {
      throw new IllegalArgumentException(
          "degrading + sudden: "
              + degrading
              + " + "
              + sudden
              + " must be between 0 and the number of devices ("
              + devices
              + ")");
    }
    if (offline < 0 || offline > devices) {
      throw new IllegalArgumentException(
          "offline: must be between 0 and the number of devices (" + devices + "), got " + offline);
    }
  }
}
