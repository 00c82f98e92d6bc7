package dev.forewarn.simulator.fleet;

import static dev.forewarn.simulator.fleet.Fleets.T0;
import static dev.forewarn.simulator.fleet.Fleets.T0_PLUS_30M;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetPlanTest {

  /** 100 devices, 100 messages a second for 60 s, 60x: the run covers one simulated hour. */
  private static final Pace ONE_SIMULATED_HOUR = new Pace(100, Duration.ofSeconds(60), 0, 60, T0);

  private static long count(List<DeviceProfile> fleet, Scenario scenario) {
    return fleet.stream().filter(device -> device.scenario() == scenario).count();
  }

  private static double shareOfRun(Instant t) {
    return Duration.between(T0, t).toMillis() / (double) Duration.ofHours(1).toMillis();
  }

  @Test
  void sameSeedPlansTheSameFleet() {
    FleetSettings settings = Fleets.settings(100, 10, 5, 5, 1);

    assertThat(FleetPlan.plan(settings, ONE_SIMULATED_HOUR))
        .isEqualTo(FleetPlan.plan(settings, ONE_SIMULATED_HOUR));
  }

  @Test
  void anotherSeedPlansAnotherFleet() {
    List<DeviceProfile> one = FleetPlan.plan(Fleets.settings(100, 10, 5, 5, 1), ONE_SIMULATED_HOUR);
    List<DeviceProfile> two = FleetPlan.plan(Fleets.settings(100, 10, 5, 5, 2), ONE_SIMULATED_HOUR);

    assertThat(one).isNotEqualTo(two);
    assertThat(one.get(0).baseTemperature()).isNotEqualTo(two.get(0).baseTemperature());
  }

  @Test
  void assignsExactlyTheRequestedScenarios() {
    List<DeviceProfile> fleet =
        FleetPlan.plan(Fleets.settings(100, 10, 5, 7, 1), ONE_SIMULATED_HOUR);

    assertThat(count(fleet, Scenario.DEGRADING)).isEqualTo(10);
    assertThat(count(fleet, Scenario.SUDDEN_FAULT)).isEqualTo(5);
    assertThat(count(fleet, Scenario.HEALTHY)).isEqualTo(85);
    assertThat(fleet.stream().filter(device -> device.offlineAt().isPresent())).hasSize(7);
  }

  @Test
  void failureTimesFallInsideTheRunAndOnlyFailingDevicesHaveOne() {
    List<DeviceProfile> fleet =
        FleetPlan.plan(Fleets.settings(100, 20, 20, 0, 3), ONE_SIMULATED_HOUR);

    for (DeviceProfile device : fleet) {
      switch (device.scenario()) {
        case DEGRADING -> {
          assertThat(shareOfRun(device.failureAt().orElseThrow())).isBetween(0.6, 0.9);
          // Two thirds of the time to failure is the climb, so the first third is healthy.
          assertThat(shareOfRun(device.onset().orElseThrow()))
              .isCloseTo(shareOfRun(device.failureAt().orElseThrow()) / 3, within(0.001));
        }
        case SUDDEN_FAULT -> {
          assertThat(shareOfRun(device.failureAt().orElseThrow())).isBetween(0.3, 0.9);
          assertThat(device.onset()).isEmpty();
        }
        case HEALTHY -> assertThat(device.failureAt()).isEmpty();
      }
    }
  }

  @Test
  void failureAfterAndRampFixEveryFailingDevice() {
    FleetSettings settings =
        new FleetSettings(
            10,
            "sim-",
            "AC-200",
            3,
            2,
            0,
            95,
            Optional.of(Duration.ofMinutes(45)),
            Optional.of(Duration.ofMinutes(15)),
            1);

    for (DeviceProfile device : FleetPlan.plan(settings, ONE_SIMULATED_HOUR)) {
      if (device.scenario() != Scenario.HEALTHY) {
        assertThat(device.failureAt()).contains(T0.plus(Duration.ofMinutes(45)));
      }
      if (device.scenario() == Scenario.DEGRADING) {
        assertThat(device.onset()).contains(T0_PLUS_30M);
      }
    }
  }

  @Test
  void climbLongerThanTheRunStartsAtTheFirstReading() {
    FleetSettings settings =
        new FleetSettings(
            1,
            "sim-",
            "AC-200",
            1,
            0,
            0,
            95,
            Optional.of(Duration.ofMinutes(30)),
            Optional.of(Duration.ofHours(5)),
            1);

    assertThat(FleetPlan.plan(settings, ONE_SIMULATED_HOUR).get(0).onset()).contains(T0);
  }

  @Test
  void deviceIdsArePrefixedAndZeroPaddedToTheFleetSize() {
    assertThat(FleetPlan.plan(Fleets.settings(12, 0, 0, 0, 1), ONE_SIMULATED_HOUR))
        .extracting(DeviceProfile::deviceId)
        .startsWith("sim-0001", "sim-0002")
        .endsWith("sim-0012");
    assertThat(
            FleetPlan.plan(Fleets.settings(12_345, 0, 0, 0, 1), ONE_SIMULATED_HOUR)
                .get(0)
                .deviceId())
        .isEqualTo("sim-00001");
  }

  @Test
  void baselinesAreHealthyTemperaturesAndVibrations() {
    for (DeviceProfile device :
        FleetPlan.plan(Fleets.settings(200, 0, 0, 0, 5), ONE_SIMULATED_HOUR)) {
      assertThat(device.baseTemperature()).isBetween(60.0, 70.0);
      assertThat(device.baseVibration()).isBetween(1.5, 3.0);
    }
  }
}
