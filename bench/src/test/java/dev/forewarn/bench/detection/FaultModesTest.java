package dev.forewarn.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.forewarn.rules.life.RemainingLifeCondition.IndexMetric;
import dev.forewarn.rules.life.RemainingLifeCondition.Worse;
import dev.forewarn.rules.reading.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fleet with two fault modes: {@code a} rises in every engine as it wears, {@code b} rises in
 * engines 1 and 2 and falls in engines 3 to 6, as FD003's s7 moves one way under the fan fault and
 * the other under the compressor fault. Wear starts at cycle 40; every engine fails at cycle 120.
 */
class FaultModesTest {

  private static List<Engine> fleet() {
    List<Engine> engines = new ArrayList<>();
    for (int unit = 1; unit <= 6; unit++) {
      double bWay = unit <= 2 ? 1 : -1;
      List<Reading> readings = new ArrayList<>();
      for (int cycle = 1; cycle <= 120; cycle++) {
        double wear = cycle > 40 ? (cycle - 40) * 0.05 : 0;
        double aNoise = cycle % 2 == 0 ? 0.1 : -0.1;
        double bNoise = cycle % 3 == 0 ? 0.2 : -0.1;
        readings.add(
            new Reading(
                Cmapss.device(unit),
                Cmapss.at(cycle),
                cycle,
                null,
                Map.of("a", 10 + wear + aNoise, "b", 20 + bWay * wear + bNoise),
                Map.of()));
      }
      engines.add(new Engine(Cmapss.device(unit), readings));
    }
    return engines;
  }

  @Test
  void theBaselineIsTheFleetsWarmUpCentreAndSpread() {
    FleetBaseline baseline = FleetBaseline.learn(fleet(), List.of("a", "b"), 30);

    assertThat(baseline.centres()[0]).isCloseTo(10, within(1e-12));
    // Thirty readings of ±0.1 alternating: sample variance 0.01 × 30 / 29.
    assertThat(baseline.spreads()[0]).isCloseTo(0.1 * Math.sqrt(30.0 / 29), within(1e-12));
    assertThat(baseline.scores(fleet().get(0), 119)[0])
        .isCloseTo((10 + 80 * 0.05 + 0.1 - 10) / baseline.spreads()[0], within(1e-9));
  }

  @Test
  void tellsTheModesApartByWhereTheEnginesMetricsEndedUp() {
    List<Engine> fleet = fleet();
    FleetBaseline baseline = FleetBaseline.learn(fleet, List.of("a", "b"), 30);

    int[] modes = FaultModes.assign(fleet, baseline, 2, 30);

    // The larger mode first: engines 3 to 6, where b falls.
    assertThat(modes).containsExactly(1, 1, 0, 0, 0, 0);
    assertThat(FaultModes.of(fleet, modes, 1))
        .extracting(Engine::deviceId)
        .containsExactly("engine-1", "engine-2");
    assertThat(FaultModes.assign(fleet, baseline, 1, 30)).containsOnly(0);
    assertThatThrownBy(() -> FaultModes.assign(fleet.subList(0, 1), baseline, 2, 30))
        .hasMessage("1 engines cannot make 2 fault modes");
  }

  @Test
  void eachModesIndexLearnsTheSideAndWeightOfItsMetrics() {
    List<Engine> fleet = fleet();
    FleetBaseline baseline = FleetBaseline.learn(fleet, List.of("a", "b"), 30);
    int[] modes = FaultModes.assign(fleet, baseline, 2, 30);

    List<IndexMetric> falling =
        HealthIndex.fit(FaultModes.of(fleet, modes, 0), baseline, 125, Cmapss.CYCLE);
    List<IndexMetric> rising =
        HealthIndex.fit(FaultModes.of(fleet, modes, 1), baseline, 125, Cmapss.CYCLE);
    List<IndexMetric> together = HealthIndex.fit(fleet, baseline, 125, Cmapss.CYCLE);

    assertThat(falling).extracting(IndexMetric::worse).containsExactly(Worse.UP, Worse.DOWN);
    assertThat(rising).extracting(IndexMetric::worse).containsExactly(Worse.UP, Worse.UP);
    for (List<IndexMetric> index : List.of(falling, rising, together)) {
      assertThat(index.get(0).weight() + index.get(1).weight()).isCloseTo(2, within(1e-9));
    }
    // Fitted on both modes at once, b says little: a carries the index.
    assertThat(together.get(0).weight()).isGreaterThan(falling.get(0).weight());
    assertThat(together.get(1).weight()).isLessThan(falling.get(1).weight());
  }

  @Test
  void refusesAMetricThatNeverVariesInTheWarmUpAndEnginesShorterThanIt() {
    List<Engine> flat =
        List.of(
            new Engine(
                "engine-1",
                SyntheticFleet.readings().stream()
                    .filter(r -> r.deviceId().equals("engine-1"))
                    .map(r -> new Reading(r.deviceId(), r.ts(), r.seq(), "", Map.of("s2", 1.5)))
                    .toList()));
    assertThatThrownBy(() -> FleetBaseline.learn(flat, List.of("s2"), 30))
        .hasMessageStartingWith("s2: no spread over the engines' warm-up readings");
    assertThatThrownBy(() -> FleetBaseline.learn(fleet(), List.of("a"), 130))
        .hasMessage("engine-1: 120 readings, fewer than the 130 of the warm-up");
  }
}
