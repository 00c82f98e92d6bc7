package dev.forewarn.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forewarn.rules.life.RemainingLifeCondition.IndexMetric;
import dev.forewarn.rules.life.RemainingLifeCondition.Worse;
import dev.forewarn.rules.reading.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fleet with two fault modes: {@code a} rises in every engine, {@code b} rises in two engines of
 * six and falls in the other four, as FD003's s7 moves one way under the fan fault and the other
 * under the HPC fault.
 */
class FleetBaselineTest {

  private static List<Engine> fleet() {
    List<Engine> engines = new ArrayList<>();
    for (int unit = 1; unit <= 6; unit++) {
      double bWay = unit <= 2 ? 1 : -1;
      List<Reading> readings = new ArrayList<>();
      for (int cycle = 1; cycle <= 120; cycle++) {
        double wear = cycle > 40 ? (cycle - 40) * 0.05 : 0;
        double noise = cycle % 2 == 0 ? 0.1 : -0.1;
        readings.add(
            new Reading(
                Cmapss.device(unit),
                Cmapss.at(cycle),
                cycle,
                null,
                Map.of("a", 10 + wear + noise, "b", 20 + bWay * wear - noise),
                Map.of()));
      }
      engines.add(new Engine(Cmapss.device(unit), readings));
    }
    return engines;
  }

  @Test
  void leavesOutAMetricThatFaultModesMoveBothWays() {
    FleetBaseline baseline =
        FleetBaseline.learn(fleet(), List.of("a", "b"), 30, Cmapss.CYCLE, 0.7, false);

    assertThat(baseline.metrics()).extracting(IndexMetric::metric).containsExactly("a");
    assertThat(baseline.metrics().get(0).worse()).isEqualTo(Worse.UP);
    assertThat(baseline.leftOut()).containsOnlyKeys("b");
    assertThat(baseline.leftOut().get("b"))
        .isCloseTo(4 / 6.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void keepsItWhenTheBarIsLowerOrCountsItEitherWay() {
    assertThat(
            FleetBaseline.learn(fleet(), List.of("a", "b"), 30, Cmapss.CYCLE, 0.6, false).metrics())
        .extracting(IndexMetric::metric)
        .containsExactly("a", "b");
    FleetBaseline either =
        FleetBaseline.learn(fleet(), List.of("a", "b"), 30, Cmapss.CYCLE, 0.7, true);
    assertThat(either.metrics())
        .extracting(IndexMetric::worse)
        .containsExactly(Worse.UP, Worse.EITHER);
  }

  @Test
  void refusesAFleetWhereNoMetricMovesOneWay() {
    assertThatThrownBy(
            () -> FleetBaseline.learn(fleet(), List.of("b"), 30, Cmapss.CYCLE, 0.9, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no metric moves the same way in at least 90% of the engines");
  }
}
