package dev.forewarn.rules.life;

import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.forewarn.rules.Replay;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.RuleStates;
import dev.forewarn.rules.Series;
import dev.forewarn.rules.TestData;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.document.RuleValidationException;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The remaining-life estimate: its index, warm-up, model, horizons, JSON and state bytes. */
class RemainingLifeTest {

  private static final Duration HOUR = Duration.ofHours(1);

  // "a" worsens upward around 10 with spread 2, "b" downward around 50 with spread 5.
  private static final List<RemainingLifeCondition.IndexMetric> METRICS =
      List.of(
          new RemainingLifeCondition.IndexMetric("a", 10, 2, RemainingLifeCondition.Worse.UP),
          new RemainingLifeCondition.IndexMetric("b", 50, 5, RemainingLifeCondition.Worse.DOWN));

  // Life in hours: 100 − 20 × drift − 10 × initial − 0.5 × age.
  private static final RemainingLifeCondition.LifeModel MODEL =
      new RemainingLifeCondition.LifeModel(100, -20, -10, -0.5, 0);

  private static RemainingLifeCondition life(
      double smoothingHalfLife, Duration horizon, Duration clearHorizon) {
    return new RemainingLifeCondition(
        METRICS, 3, smoothingHalfLife, HOUR, null, MODEL, horizon, clearHorizon, 0.25);
  }

  private static Reading at(int hour, double a, double b) {
    return TestData.reading(T0.plus(HOUR.multipliedBy(hour)), Map.of("a", a, "b", b));
  }

  /** Three warm-up readings at index 0.4 (both metrics 0.4 spreads on their bad side). */
  private static Replay warmedUp(RemainingLifeCondition condition) {
    Replay replay = Replay.storingStateAsBytes(rule(condition));
    replay.feed(at(0, 10.8, 48), at(1, 10.8, 48), at(2, 10.8, 48));
    assertThat(replay.decisions()).isEmpty();
    return replay;
  }

  @Test
  void estimatesLifeFromDriftInitialLevelAndAgeAfterTheWarmUp() {
    Replay replay = warmedUp(life(0, Duration.ofHours(80), Duration.ofHours(80)));

    // index (16 − 10) / 2 and −(40 − 50) / 5: mean 2.5, drift 2.1 above the initial 0.4; age 4 h.
    replay.feed(at(4, 16, 40));

    double expected = 100 - 20 * 2.1 - 10 * 0.4 - 0.5 * 4;
    Decision open = replay.decisions().get(0);
    assertThat(open.kind()).isEqualTo(Decision.Kind.OPEN);
    assertThat(open.evidence().get("initial")).isCloseTo(0.4, within(1e-12));
    assertThat(open.evidence().get("drift")).isCloseTo(2.1, within(1e-12));
    assertThat(open.evidence().get("age_units")).isEqualTo(4.0);
    assertThat(open.evidence().get("life_units")).isCloseTo(expected, within(1e-9));
    assertThat(open.eta())
        .contains(T0.plus(HOUR.multipliedBy(4)).plusMillis(Math.round(expected * 3600_000)));
    assertThat(open.summary()).contains("estimated remaining life");
  }

  @Test
  void staysQuietWhileTheEstimateIsBeyondTheHorizon() {
    Replay replay = warmedUp(life(0, Duration.ofHours(80), Duration.ofHours(80)));

    // At the initial level: 100 − 4 − 0.5 × age, beyond 80 hours.
    replay.feed(at(3, 10.8, 48), at(4, 10.8, 48), at(10, 10.8, 48));

    assertThat(replay.decisions()).isEmpty();
  }

  @Test
  void updatesTheEtaBetweenTheHorizonsAndClearsOnlyBeyondTheClearOne() {
    Replay replay = warmedUp(life(0, Duration.ofHours(60), Duration.ofHours(90)));

    replay.feed(at(3, 16, 40)); // drift 2.1: 100 − 42 − 4 − 1.5 = 52.5 h, within 60
    replay.feed(at(4, 12, 48)); // drift 0.3: 100 − 6 − 4 − 2 = 88 h, between the horizons
    replay.feed(at(5, 10.8, 48)); // drift 0: 100 − 4 − 2.5 = 93.5 h, beyond 90

    assertThat(replay.kinds())
        .containsExactly(Decision.Kind.OPEN, Decision.Kind.UPDATE, Decision.Kind.CLEAR);
    assertThat(replay.decisions().get(1).eta()).contains(T0.plus(HOUR.multipliedBy(4 + 88)));
    assertThat(replay.decisions().get(2).at()).isEqualTo(T0.plus(HOUR.multipliedBy(5)));
  }

  @Test
  void aMetricWornEitherWayCountsItsDistanceFromTheCentre() {
    RemainingLifeCondition.IndexMetric either =
        new RemainingLifeCondition.IndexMetric("c", 10, 2, RemainingLifeCondition.Worse.EITHER);

    assertThat(either.score(14)).isEqualTo(2.0);
    assertThat(either.score(6)).isEqualTo(2.0);
    assertThat(either.score(10)).isZero();
    assertThat(
            dev.forewarn.rules.document.RuleJson.parse(
                    "{\"id\":\"l\",\"severity\":\"warning\",\"condition\":{\"type\":"
                        + "\"remaining-life\",\"metrics\":[{\"metric\":\"c\",\"centre\":10,"
                        + "\"spread\":2,\"worse\":\"either\"}],\"unit\":\"PT1H\","
                        + "\"model\":{\"intercept\":100},\"horizon\":\"PT10H\"}}")
                .condition())
        .extracting(c -> ((RemainingLifeCondition) c).metrics().get(0).worse())
        .isEqualTo(RemainingLifeCondition.Worse.EITHER);
  }

  @Test
  void aFallingMetricWorsensTheIndexOnlyWhenItsBadSideIsDown() {
    Replay replay = warmedUp(life(0, Duration.ofHours(80), Duration.ofHours(80)));

    // "b" rising to 3.6 spreads above its centre counts as getting better: the index falls.
    replay.feed(at(3, 10.8, 68));

    assertThat(replay.decisions()).isEmpty();
    RemainingLifeState state = (RemainingLifeState) replay.state().condition();
    assertThat(state.smoothed()).isCloseTo((0.4 - 3.6) / 2, within(1e-12));
  }

  @Test
  void smoothsTheIndexWithAHalfLifeInReadings() {
    Replay replay = warmedUp(life(1, Duration.ofHours(80), Duration.ofHours(80)));
    RemainingLifeState before = (RemainingLifeState) replay.state().condition();

    replay.feed(at(3, 16, 40));

    // Half-life one reading: halfway from the smoothed value to the new index 2.5.
    RemainingLifeState after = (RemainingLifeState) replay.state().condition();
    assertThat(after.smoothed()).isCloseTo((before.smoothed() + 2.5) / 2, within(1e-12));
  }

  @Test
  void neverEstimatesBelowZeroAndThenTheEtaIsNow() {
    Replay replay = warmedUp(life(0, Duration.ofHours(80), Duration.ofHours(80)));

    replay.feed(at(3, 30, 0)); // index 10 and 10: drift 9.6, life 100 − 192 − … below zero

    Decision open = replay.decisions().get(0);
    assertThat(open.evidence().get("life_units")).isZero();
    assertThat(open.eta()).contains(T0.plus(HOUR.multipliedBy(3)));
  }

  @Test
  void anAbsurdReadingCountsAsABillionSpreadsAndNeverBreaksTheState() {
    Replay replay = warmedUp(life(0, Duration.ofHours(80), Duration.ofHours(80)));

    replay.feed(at(3, 1e300, 48));

    Decision open = replay.decisions().get(0);
    assertThat(open.evidence().get("index")).isCloseTo((1e9 + 0.4) / 2, within(1.0));
    assertThat(open.evidence().get("life_units")).isZero();
    assertThat(RuleStates.decode(RuleStates.encode(replay.state()))).isEqualTo(replay.state());
  }

  @Test
  void ignoresAReadingWithoutEveryMetric() {
    Replay replay = warmedUp(life(0, Duration.ofHours(80), Duration.ofHours(80)));
    RuleState before = replay.state();

    replay.feed(TestData.reading(T0.plus(HOUR.multipliedBy(3)), Map.of("a", 30.0)));

    assertThat(replay.decisions()).isEmpty();
    assertThat(replay.state().condition()).isEqualTo(before.condition());
  }

  @Test
  void takesTheAgeFromAnAgeMetricWhenOneIsNamed() {
    RemainingLifeCondition byHours =
        new RemainingLifeCondition(
            METRICS,
            3,
            0,
            HOUR,
            "operating_hours",
            MODEL,
            Duration.ofHours(80),
            Duration.ofHours(80),
            0.25);
    Replay replay = Replay.of(rule(byHours));
    for (int hour = 0; hour < 3; hour++) {
      replay.feed(aged(hour, 10.8, 48, 5000 + hour));
    }

    // First seen after 5,000 operating hours: 100 − 42 − 4 − 0.5 × 5003 is below zero.
    replay.feed(aged(3, 16, 40, 5003));
    replay.feed(TestData.reading(T0.plus(HOUR.multipliedBy(4)), Map.of("a", 16.0, "b", 40.0)));

    assertThat(replay.decisions()).hasSize(1);
    assertThat(replay.decisions().get(0).evidence().get("age_units")).isEqualTo(5003.0);
    assertThat(replay.decisions().get(0).evidence().get("life_units")).isZero();
    assertThat(((RemainingLifeState) replay.state().condition()).count()).isEqualTo(4);
  }

  private static Reading aged(int hour, double a, double b, double operatingHours) {
    return TestData.reading(
        T0.plus(HOUR.multipliedBy(hour)),
        Map.of("a", a, "b", b, "operating_hours", operatingHours));
  }

  @Test
  void jsonRoundTripsEveryField() {
    Rule rule = rule(life(10, Duration.ofHours(105), Duration.ofHours(110)));
    Rule withAgeMetric =
        rule(
            new RemainingLifeCondition(
                METRICS,
                30,
                2,
                HOUR,
                "operating_hours",
                MODEL,
                Duration.ofHours(100),
                Duration.ofHours(120),
                0.5));

    assertThat(RuleJson.parse(RuleJson.toJson(rule))).isEqualTo(rule);
    assertThat(RuleJson.parse(RuleJson.toJson(withAgeMetric))).isEqualTo(withAgeMetric);
  }

  @Test
  void jsonDefaultsAndRefusalsNameTheField() {
    String base =
        "{\"id\":\"life\",\"severity\":\"warning\",\"condition\":{\"type\":\"remaining-life\","
            + "\"metrics\":[{\"metric\":\"a\",\"centre\":10,\"spread\":2,\"worse\":\"up\"},"
            + "{\"metric\":\"b\",\"centre\":50,\"spread\":%s,\"worse\":\"%s\"}],"
            + "\"unit\":\"PT1H\",\"model\":{\"intercept\":100%s},\"horizon\":\"PT80H\"%s}}";
    RemainingLifeCondition parsed =
        (RemainingLifeCondition)
            RuleJson.parse(String.format(base, "5", "down", "", "")).condition();
    assertThat(parsed.warmupPoints()).isEqualTo(30);
    assertThat(parsed.smoothingHalfLife()).isZero();
    assertThat(parsed.clearHorizon()).isEqualTo(Duration.ofHours(80));
    assertThat(parsed.model()).isEqualTo(new RemainingLifeCondition.LifeModel(100, 0, 0, 0, 0));

    assertThat(refusal(String.format(base, "0", "down", "", "")))
        .isEqualTo("condition.metrics[1].spread");
    assertThat(refusal(String.format(base, "5", "sideways", "", "")))
        .isEqualTo("condition.metrics[1].worse");
    assertThat(refusal(String.format(base, "5", "down", ",\"slope\":1", "")))
        .isEqualTo("condition.model.slope");
    assertThat(refusal(String.format(base, "5", "down", "", ",\"clearHorizon\":\"PT1H\"")))
        .isEqualTo("condition.clearHorizon");
    assertThat(refusal(String.format(base, "5", "down", "", ",\"warmupPoints\":0")))
        .isEqualTo("condition.warmupPoints");
    assertThat(refusal(String.format(base, "5", "down", "", "").replace("\"b\"", "\"a\"")))
        .isEqualTo("condition.metrics[1].metric");
    assertThat(refusal(String.format(base, "5", "down", "", "").replace(",\"unit\":\"PT1H\"", "")))
        .isEqualTo("condition.unit");
    assertThat(refusal(String.format(base, "5", "down", "", ",\"ageMetric\":\" hours\"")))
        .isEqualTo("condition.ageMetric");
  }

  @Test
  void stateOfFourteenMetricsRoundTripsInSixtyFourBytesAtMost() {
    List<RemainingLifeCondition.IndexMetric> metrics = new java.util.ArrayList<>();
    for (int s = 0; s < 14; s++) {
      metrics.add(
          new RemainingLifeCondition.IndexMetric(
              "s" + s, 100 * s, 1, RemainingLifeCondition.Worse.values()[s % 2]));
    }
    Rule rule =
        rule(
            new RemainingLifeCondition(
                metrics,
                30,
                10,
                HOUR,
                null,
                MODEL,
                Duration.ofHours(105),
                Duration.ofHours(105),
                0.25));
    Replay throughBytes = Replay.storingStateAsBytes(rule);
    Replay direct = Replay.of(rule);
    int largest = 0;
    for (int cycle = 0; cycle < 200; cycle++) {
      Map<String, Double> values = new HashMap<>();
      for (int s = 0; s < 14; s++) {
        values.put("s" + s, 100 * s + Series.wobble(cycle * 31 + s) + cycle * 0.01);
      }
      Reading reading = TestData.reading(T0.plus(HOUR.multipliedBy(cycle)), values);
      throughBytes.feed(reading);
      direct.feed(reading);
      largest = Math.max(largest, RuleStates.encode(direct.state()).length);
    }

    assertThat(throughBytes.state()).isEqualTo(direct.state());
    assertThat(throughBytes.decisions()).isEqualTo(direct.decisions());
    assertThat(largest).isLessThanOrEqualTo(64);
  }

  private static String refusal(String json) {
    return catchThrowableOfType(RuleValidationException.class, () -> RuleJson.parse(json)).field();
  }
}
