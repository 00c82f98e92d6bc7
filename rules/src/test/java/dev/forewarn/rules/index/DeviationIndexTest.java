package dev.forewarn.rules.index;

import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.forewarn.rules.Replay;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.TestData;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deviation index: warm-up z-scores combined over metrics, and its trend gate. */
class DeviationIndexTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final double[] A = {1, 2, 3, 4};
  private static final double[] B = {10, 10, 12, 12};

  private static DeviationIndexCondition index(
      DeviationIndexCondition.Aggregate aggregate, Map<String, Double> floors, double k) {
    return new DeviationIndexCondition(List.of("a", "b"), 4, 0, floors, 0, aggregate, k, k, null);
  }

  private static Reading at(int i, double a, double b) {
    return TestData.reading(T0.plus(HOUR.multipliedBy(i)), Map.of("a", a, "b", b));
  }

  private static Replay warmedUp(DeviationIndexCondition condition) {
    Replay replay = Replay.storingStateAsBytes(rule(condition));
    for (int i = 0; i < 4; i++) {
      replay.feed(at(i, A[i], B[i]));
    }
    return replay;
  }

  @Test
  void isTheRootMeanSquareOfTheWarmUpZScores() {
    Replay replay = warmedUp(index(DeviationIndexCondition.Aggregate.RMS, Map.of(), 1.5));

    replay.feed(at(4, 5, 13));

    // z_a = 2.5 / sd(1,2,3,4) = 1.936…, z_b = 2 / sd(10,10,12,12) = 1.732…
    double za = 2.5 / Math.sqrt(5.0 / 3);
    double zb = 2 / Math.sqrt(4.0 / 3);
    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(replay.decisions().get(0).evidence().get("index"))
        .isCloseTo(Math.sqrt((za * za + zb * zb) / 2), within(1e-12));
  }

  @Test
  void isSignFreeAndCanBeAMeanOfAbsoluteValues() {
    Replay up = warmedUp(index(DeviationIndexCondition.Aggregate.MEAN_ABS, Map.of(), 1.5));
    Replay down = warmedUp(index(DeviationIndexCondition.Aggregate.MEAN_ABS, Map.of(), 1.5));

    up.feed(at(4, 5, 13));
    down.feed(at(4, 0, 9));

    double expected = (2.5 / Math.sqrt(5.0 / 3) + 2 / Math.sqrt(4.0 / 3)) / 2;
    assertThat(up.decisions().get(0).evidence().get("index")).isCloseTo(expected, within(1e-12));
    assertThat(down.decisions().get(0).evidence().get("index")).isCloseTo(expected, within(1e-12));
  }

  @Test
  void aSpreadFloorKeepsANearlyConstantMetricFromDominating() {
    Replay replay =
        Replay.of(
            rule(
                new DeviationIndexCondition(
                    List.of("a", "b"),
                    4,
                    0,
                    Map.of("b", 0.5),
                    0,
                    DeviationIndexCondition.Aggregate.RMS,
                    100,
                    100,
                    null)));
    for (int i = 0; i < 4; i++) {
      replay.feed(at(i, A[i], 7));
    }

    replay.feed(at(4, 2.5, 8));

    DeviationIndexState state = (DeviationIndexState) replay.state().condition();
    assertThat(state.smoothed()[0]).isCloseTo(0, within(1e-12));
    assertThat(state.smoothed()[1]).isCloseTo(2, within(1e-12));
  }

  @Test
  void learnsOnlyDuringTheWarmUpAndIgnoresReadingsLackingAMetric() {
    Replay replay = warmedUp(index(DeviationIndexCondition.Aggregate.RMS, Map.of(), 1.5));
    RuleState before = replay.state();

    replay.feed(TestData.reading(T0.plus(HOUR.multipliedBy(9)), Map.of("a", 100.0)));

    assertThat(replay.state()).isEqualTo(before);
    assertThat(((DeviationIndexState) before.condition()).means()).containsExactly(2.5, 11);
    assertThat(replay.decisions()).isEmpty();
  }

  private static DeviationIndexCondition gated(double floor) {
    return new DeviationIndexCondition(
        List.of("a", "b"),
        4,
        0,
        Map.of(),
        0,
        DeviationIndexCondition.Aggregate.RMS,
        floor,
        floor,
        new DeviationIndexCondition.IndexForecast(5, 10, 20, 0.001));
  }

  @Test
  void aForecastOpensBeforeTheLimitWhenTheIndexHeadsForIt() {
    Replay replay = warmedUp(gated(1));

    // Index grows by 0.5 spreads per reading on both metrics: it reaches 10 around reading 20.
    for (int i = 0; i < 12; i++) {
      double step = 0.5 * (i + 1);
      replay.feed(at(4 + i, 2.5 + step * Math.sqrt(5.0 / 3), 11 + step * Math.sqrt(4.0 / 3)));
    }

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    Decision open = replay.decisions().get(0);
    assertThat(open.evidence().get("fitted_index")).isGreaterThan(1).isLessThan(10);
    assertThat(open.evidence().get("eta_readings")).isLessThanOrEqualTo(20);
    // The window of 5 must be full first: the earliest verdict is on the fifth reading.
    assertThat(open.at()).isAfterOrEqualTo(T0.plus(HOUR.multipliedBy(8)));
  }

  @Test
  void aHighButSteadyIndexBelowTheLimitDoesNotHold() {
    Replay replay = warmedUp(gated(1));

    for (int i = 0; i < 12; i++) {
      replay.feed(at(4 + i, 2.5 + 3 * Math.sqrt(5.0 / 3), 11 + 3 * Math.sqrt(4.0 / 3)));
    }

    assertThat(replay.decisions()).isEmpty();
  }
}
