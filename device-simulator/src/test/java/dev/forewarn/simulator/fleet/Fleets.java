package dev.forewarn.simulator.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small named fleets and instants for the tests. */
final class Fleets {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final Instant T0_PLUS_30M = T0.plus(Duration.ofMinutes(30));
  static final Instant T0_PLUS_1H = T0.plus(Duration.ofHours(1));
  static final Instant T0_PLUS_2H = T0.plus(Duration.ofHours(2));
  static final double FAILURE_LEVEL = 95;
  static final long SEED = 7;

  private Fleets() {}

  /** A fleet with the given scenario counts and every failure time drawn. */
  static FleetSettings settings(int devices, int degrading, int sudden, int offline, long seed) {
    return new FleetSettings(
        devices,
        "sim-",
        "AC-200",
        degrading,
        sudden,
        offline,
        FAILURE_LEVEL,
        Optional.empty(),
        Optional.empty(),
        seed);
  }

  /** One degrading device that fails 30 simulated minutes after T0, climbing from T0. */
  static FleetSettings oneDegradingAt30Minutes() {
    return new FleetSettings(
        1,
        "sim-",
        "AC-200",
        1,
        0,
        0,
        FAILURE_LEVEL,
        Optional.of(Duration.ofMinutes(30)),
        Optional.of(Duration.ofMinutes(30)),
        SEED);
  }

  /** One message per second, one simulated minute per wall second: a 2-hour run in 2 minutes. */
  static Pace minutePerSecond(long readingsPerDevice) {
    return new Pace(1, Duration.ofMinutes(2), readingsPerDevice, 60, T0);
  }

  /** {@code rate} messages per wall second for {@code seconds}, at real time from T0. */
  static Pace realTime(double rate, long seconds) {
    return new Pace(rate, Duration.ofSeconds(seconds), 0, 1, T0);
  }

  static List<Outgoing> play(FleetSettings fleet, Pace pace, Impairments impairments) {
    return FleetScript.all(FleetPlan.plan(fleet, pace), pace, impairments, fleet.seed());
  }

  static List<Outgoing.Telemetry> telemetry(List<Outgoing> messages) {
    return messages.stream()
        .filter(Outgoing.Telemetry.class::isInstance)
        .map(Outgoing.Telemetry.class::cast)
        .toList();
  }
}
