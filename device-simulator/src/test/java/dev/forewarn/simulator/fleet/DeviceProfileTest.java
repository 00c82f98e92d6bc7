package dev.forewarn.simulator.fleet;

import static dev.forewarn.simulator.fleet.Fleets.FAILURE_LEVEL;
import static dev.forewarn.simulator.fleet.Fleets.T0;
import static dev.forewarn.simulator.fleet.Fleets.T0_PLUS_1H;
import static dev.forewarn.simulator.fleet.Fleets.T0_PLUS_2H;
import static dev.forewarn.simulator.fleet.Fleets.T0_PLUS_30M;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceProfileTest {

  private static final double BASE = 64;

  private static DeviceProfile degrading(Instant onset, Instant failureAt) {
    return new DeviceProfile(
        0,
        "sim-0001",
        "AC-200",
        Scenario.DEGRADING,
        BASE,
        2,
        FAILURE_LEVEL,
        Optional.of(onset),
        Optional.of(failureAt),
        Optional.empty());
  }

  private static DeviceProfile sudden(Instant failureAt) {
    return new DeviceProfile(
        0,
        "sim-0001",
        "AC-200",
        Scenario.SUDDEN_FAULT,
        BASE,
        2,
        FAILURE_LEVEL,
        Optional.empty(),
        Optional.of(failureAt),
        Optional.empty());
  }

  @Test
  void degradingDeviceReachesTheFailureLevelExactlyAtItsFailureTime() {
    DeviceProfile device = degrading(T0_PLUS_30M, T0_PLUS_1H);

    assertThat(device.temperatureAt(T0_PLUS_1H)).isCloseTo(FAILURE_LEVEL, within(1e-9));
    assertThat(device.temperatureAt(T0_PLUS_1H.minusSeconds(60))).isLessThan(FAILURE_LEVEL);
  }

  @Test
  void degradingDeviceStaysAtItsBaselineUntilTheOnsetThenClimbsSteadily() {
    DeviceProfile device = degrading(T0_PLUS_30M, T0_PLUS_1H);

    assertThat(device.temperatureAt(T0)).isEqualTo(BASE);
    assertThat(device.temperatureAt(T0_PLUS_30M)).isEqualTo(BASE);
    double previous = BASE;
    for (Instant t = T0_PLUS_30M.plusSeconds(60); !t.isAfter(T0_PLUS_1H); t = t.plusSeconds(60)) {
      assertThat(device.temperatureAt(t)).isGreaterThan(previous);
      previous = device.temperatureAt(t);
    }
  }

  @Test
  void degradationAcceleratesSoHalfTheClimbTimeGivesAQuarterOfTheRise() {
    DeviceProfile device = degrading(T0, T0_PLUS_1H);

    assertThat(device.temperatureAt(T0_PLUS_30M))
        .isCloseTo(BASE + (FAILURE_LEVEL - BASE) / 4, within(1e-9));
  }

  @Test
  void failedDeviceStaysAboveTheLevelWithABoundedOvershoot() {
    DeviceProfile device = degrading(T0_PLUS_30M, T0_PLUS_1H);

    assertThat(device.temperatureAt(T0_PLUS_2H))
        .isGreaterThan(FAILURE_LEVEL)
        .isLessThanOrEqualTo(FAILURE_LEVEL + 0.15 * (FAILURE_LEVEL - BASE) + 1e-9);
  }

  @Test
  void vibrationRisesWithTheSameWear() {
    DeviceProfile device = degrading(T0_PLUS_30M, T0_PLUS_1H);

    assertThat(device.vibrationAt(T0)).isEqualTo(2);
    assertThat(device.vibrationAt(T0_PLUS_1H)).isCloseTo(5, within(1e-9));
  }

  @Test
  void suddenFaultStepsPastTheLevelAtItsFailureTimeWithoutWarning() {
    DeviceProfile device = sudden(T0_PLUS_1H);

    assertThat(device.temperatureAt(T0_PLUS_1H.minusMillis(1))).isEqualTo(BASE);
    assertThat(device.temperatureAt(T0_PLUS_1H)).isGreaterThan(FAILURE_LEVEL);
  }

  @Test
  void climbWithNoRampFailsAtOnce() {
    DeviceProfile device = degrading(T0_PLUS_1H, T0_PLUS_1H);

    assertThat(device.temperatureAt(T0_PLUS_1H.minusMillis(1))).isEqualTo(BASE);
    assertThat(device.temperatureAt(T0_PLUS_1H)).isCloseTo(FAILURE_LEVEL, within(1e-9));
  }

  @Test
  void healthyDeviceNeverLeavesItsBaseline() {
    DeviceProfile device =
        new DeviceProfile(
            0,
            "sim-0001",
            "AC-200",
            Scenario.HEALTHY,
            BASE,
            2,
            FAILURE_LEVEL,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    assertThat(device.temperatureAt(T0.plus(Duration.ofDays(30)))).isEqualTo(BASE);
  }

  @Test
  void failingScenarioWithoutAFailureTimeIsRefused() {
    assertThatThrownBy(
            () ->
                new DeviceProfile(
                    0,
                    "sim-0001",
                    "AC-200",
                    Scenario.DEGRADING,
                    BASE,
                    2,
                    FAILURE_LEVEL,
                    Optional.of(T0),
                    Optional.empty(),
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("failureAt:");
  }

  @Test
  void deviceIsOfflineFromItsOfflineTimeOn() {
    DeviceProfile device =
        new DeviceProfile(
            0,
            "sim-0001",
            "AC-200",
            Scenario.HEALTHY,
            BASE,
            2,
            FAILURE_LEVEL,
            Optional.empty(),
            Optional.empty(),
            Optional.of(T0_PLUS_1H));

    assertThat(device.isOfflineAt(T0_PLUS_30M)).isFalse();
    assertThat(device.isOfflineAt(T0_PLUS_1H)).isTrue();
  }
}
