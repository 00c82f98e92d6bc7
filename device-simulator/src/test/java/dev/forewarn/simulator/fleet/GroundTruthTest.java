package dev.forewarn.simulator.fleet;

import static dev.forewarn.simulator.fleet.Fleets.T0_PLUS_1H;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {

  private static final GroundTruth TRUTH =
      new GroundTruth(
          List.of(
              new GroundTruth.Row("sim-0001", "AC-200", Scenario.HEALTHY, Optional.empty()),
              new GroundTruth.Row(
                  "sim-0002", "AC-200", Scenario.DEGRADING, Optional.of(T0_PLUS_1H)),
              new GroundTruth.Row(
                  "sim-0003", "AC-200", Scenario.SUDDEN_FAULT, Optional.of(T0_PLUS_1H))));

  @Test
  void csvHasTheHeaderAndOneLinePerDeviceWithEmptyFailureTimeWhenHealthy() {
    assertThat(TRUTH.toCsv())
        .isEqualTo(
            "device_id,model,scenario,failure_at\n"
                + "sim-0001,AC-200,healthy,\n"
                + "sim-0002,AC-200,degrading,2026-11-22T11:00:00Z\n"
                + "sim-0003,AC-200,sudden_fault,2026-11-22T11:00:00Z\n");
  }

  @Test
  void writeCreatesTheDirectoryAndTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("runs/one/ground-truth.csv");

    TRUTH.write(file);

    assertThat(Files.readString(file)).isEqualTo(TRUTH.toCsv());
  }

  @Test
  void failingListsOnlyDevicesWithAFailureTime() {
    assertThat(TRUTH.failing())
        .extracting(GroundTruth.Row::deviceId)
        .containsExactly("sim-0002", "sim-0003");
    assertThat(TRUTH.describeFailing(1))
        .isEqualTo("2: sim-0002 degrading at 2026-11-22T11:00:00Z, ...");
  }

  @Test
  void truthOfAPlannedFleetMatchesItsProfiles() {
    List<DeviceProfile> fleet =
        FleetPlan.plan(Fleets.settings(5, 2, 1, 0, 1), Fleets.realTime(5, 60));

    GroundTruth truth = GroundTruth.of(fleet);

    assertThat(truth.rows()).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(truth.rows().get(i).deviceId()).isEqualTo(fleet.get(i).deviceId());
      assertThat(truth.rows().get(i).failureAt()).isEqualTo(fleet.get(i).failureAt());
    }
  }
}
