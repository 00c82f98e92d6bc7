package dev.forewarn.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetTest {

  @Test
  void degradingDevicesFailAMinuteIntoALongOrOpenEndedRun() {
    assertThat(fleet("--duration", "600").failAfterWallSeconds()).isEqualTo(60);
    assertThat(fleet("--duration", "100").failAfterWallSeconds()).isEqualTo(60);
    assertThat(fleet().failAfterWallSeconds()).isEqualTo(60);
  }

  @Test
  void inAShortRunTheyFailAtSixtyPercentOfItButNotBeforeFifteenSeconds() {
    assertThat(fleet("--duration", "90").failAfterWallSeconds()).isEqualTo(54);
    assertThat(fleet("--duration", "20").failAfterWallSeconds()).isEqualTo(15);
  }

  @Test
  void theSimulatorPlaysThatFailureTimeOnItsClockUnderTheRunsOwnClientId() {
    Fleet fleet = fleet("--duration", "90", "--time-scale", "60");

    assertThat(String.join(" ", fleet.simulatorArgs("tcp://127.0.0.1:1883", "run-sim")))
        .contains("--client-id run-sim")
        .contains("--failure-after 3240s");
  }

  private static Fleet fleet(String... args) {
    return Fleet.of(DemoConfig.parse(args, Map.of()));
  }
}
