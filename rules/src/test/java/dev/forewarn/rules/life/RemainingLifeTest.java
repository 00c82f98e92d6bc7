package dev.forewarn.rules.life;

import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.forewarn.rules.Evaluation;
import dev.forewarn.rules.Evaluators;
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
        .extracting(c -> ((RemainingLifeCondition) c).modes().get(0).metrics().get(0).worse())
        .isEqualTo(RemainingLifeCondition.Worse.EITHER);
  }

  @Test
  void aFallingMetricWorsensTheIndexOnlyWhenItsBadSideIsDown() {
    Replay replay = warmedUp(life(0, Duration.ofHours(80), Duration.ofHours(80)));

    // "b" rising to 3.6 spreads above its centre counts as getting better: the index falls.
    replay.feed(at(3, 10.8, 68));

    assertThat(replay.decisions()).isEmpty();
    RemainingLifeState state = (RemainingLifeState) replay.state().condition();
    assertThat(state.smoothed(0)).isCloseTo((0.4 - 3.6) / 2, within(1e-12));
  }

  @Test
  void smoothsTheIndexWithAHalfLifeInReadings() {
    Replay replay = warmedUp(life(1, Duration.ofHours(80), Duration.ofHours(80)));
    RemainingLifeState before = (RemainingLifeState) replay.state().condition();

    replay.feed(at(3, 16, 40));

    // Half-life one reading: halfway from the smoothed value to the new index 2.5.
    RemainingLifeState after = (RemainingLifeState) replay.state().condition();
    assertThat(after.smoothed(0)).isCloseTo((before.smoothed(0) + 2.5) / 2, within(1e-12));
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
    assertThat(parsed.modes().get(0).model())
        .isEqualTo(new RemainingLifeCondition.LifeModel(100, 0, 0, 0, 0));

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

  // Two fault modes: "fast" sees wear in "a" alone and its life falls 40 hours per spread of drift;
  // "slow" sees it in "b" alone (falling) with a model that barely moves.
  private static final RemainingLifeCondition.FaultMode FAST =
      mode("fast", "a", 10, 2, RemainingLifeCondition.Worse.UP, 2, 100, -40);
  private static final RemainingLifeCondition.FaultMode SLOW =
      mode("slow", "b", 50, 5, RemainingLifeCondition.Worse.DOWN, 1, 90, -1);

  /** A mode of one metric whose life is {@code intercept + drift × d}. */
  private static RemainingLifeCondition.FaultMode mode(
      String name,
      String metric,
      double centre,
      double spread,
      RemainingLifeCondition.Worse worse,
      double weight,
      double intercept,
      double drift) {
    return new RemainingLifeCondition.FaultMode(
        name,
        List.of(new RemainingLifeCondition.IndexMetric(metric, centre, spread, worse, weight)),
        new RemainingLifeCondition.LifeModel(intercept, drift, 0, 0, 0));
  }

  private static RemainingLifeCondition twoModes() {
    return new RemainingLifeCondition(
        List.of(FAST, SLOW), 3, 0, HOUR, null, Duration.ofHours(60), Duration.ofHours(60), 0.25);
  }

  @Test
  void aWeightScalesItsMetricsScore() {
    RemainingLifeCondition.IndexMetric heavy =
        new RemainingLifeCondition.IndexMetric("c", 10, 2, RemainingLifeCondition.Worse.DOWN, 2.5);

    assertThat(heavy.score(6)).isEqualTo(5.0);
    assertThat(heavy.score(14)).isEqualTo(-5.0);
    assertThat(new RemainingLifeCondition.IndexMetric("c", 10, 2, RemainingLifeCondition.Worse.UP))
        .extracting(RemainingLifeCondition.IndexMetric::weight)
        .isEqualTo(1.0);
  }

  @Test
  void theLifeIsTheLeastOverTheFaultModesAndNamesTheModeThatSpoke() {
    Replay replay = Replay.storingStateAsBytes(rule(twoModes()));
    replay.feed(at(0, 10, 50), at(1, 10, 50), at(2, 10, 50));

    // "b" falls 2 spreads: slow mode drifts 2, life 90 − 2 = 88; "a" unchanged: fast mode 100.
    replay.feed(at(3, 10, 40));
    assertThat(replay.decisions()).isEmpty();

    // "a" rises 1 spread (weighted 2): fast mode drifts 2, life 100 − 80 = 20, within 60 hours.
    replay.feed(at(4, 12, 40));

    Decision open = replay.decisions().get(0);
    assertThat(open.kind()).isEqualTo(Decision.Kind.OPEN);
    assertThat(open.evidence().get("life_units")).isCloseTo(20, within(1e-9));
    assertThat(open.evidence().get("mode")).isEqualTo(0.0);
    assertThat(open.evidence().get("drift")).isCloseTo(2, within(1e-12));
    assertThat(open.summary()).contains("(fast)");
    RemainingLifeState state = (RemainingLifeState) replay.state().condition();
    assertThat(state.modes()).isEqualTo(2);
    assertThat(state.smoothed(1)).isCloseTo(2, within(1e-12));
  }

  @Test
  void severalModesRoundTripThroughJsonAndTheirStateThroughItsOwnTag() {
    Rule rule = rule(twoModes());
    String json = RuleJson.toJson(rule);

    assertThat(json).contains("\"modes\":[{\"name\":\"fast\"").contains("\"weight\":2.0");
    assertThat(RuleJson.parse(json)).isEqualTo(rule);
    Replay replay = Replay.storingStateAsBytes(rule);
    replay.feed(at(0, 10, 50), at(1, 11, 49), at(2, 12, 48), at(3, 13, 47));
    byte[] bytes = RuleStates.encode(replay.state());
    assertThat(RuleStates.decode(bytes)).isEqualTo(replay.state());
    // The single-mode form keeps its tag (9) and the bytes stored before modes existed.
    Replay single = warmedUp(life(0, Duration.ofHours(80), Duration.ofHours(80)));
    assertThat(RuleStates.encode(single.state())).hasSizeLessThan(bytes.length);
  }

  @Test
  void aStateKeptFromADocumentWithAnotherNumberOfModesStartsOver() {
    Replay oneMode = warmedUp(life(0, Duration.ofHours(80), Duration.ofHours(80)));

    Evaluation next = Evaluators.evaluate(rule(twoModes()), oneMode.state(), at(3, 16, 40));

    RemainingLifeState state = (RemainingLifeState) next.state().condition();
    assertThat(state.count()).isEqualTo(1);
    assertThat(state.modes()).isEqualTo(2);
    assertThat(state.first()).isEqualTo(T0.plus(HOUR.multipliedBy(3)));
    assertThat(next.decision()).isEmpty();
  }

  @Test
  void modesAreRefusedNamingTheField() {
    String modes =
        "{\"id\":\"life\",\"severity\":\"warning\",\"condition\":{\"type\":\"remaining-life\","
            + "\"modes\":[{\"name\":\"fan\",\"metrics\":[{\"metric\":\"a\",\"centre\":10,"
            + "\"spread\":2,\"worse\":\"up\"%s}],\"model\":{\"intercept\":100}},"
            + "{%s\"metrics\":[{\"metric\":\"b\",\"centre\":1,\"spread\":1,\"worse\":\"down\"}],"
            + "\"model\":{\"intercept\":90}}]%s,\"unit\":\"PT1H\",\"horizon\":\"PT80H\"}}";
    RemainingLifeCondition parsed =
        (RemainingLifeCondition)
            RuleJson.parse(String.format(modes, ",\"weight\":0.5", "\"name\":\"hpc\",", ""))
                .condition();
    assertThat(parsed.modes())
        .extracting(RemainingLifeCondition.FaultMode::name)
        .containsExactly("fan", "hpc");
    assertThat(parsed.modes().get(0).metrics().get(0).weight()).isEqualTo(0.5);

    assertThat(refusal(String.format(modes, ",\"weight\":0", "\"name\":\"hpc\",", "")))
        .isEqualTo("condition.modes[0].metrics[0].weight");
    assertThat(refusal(String.format(modes, ",\"weight\":-1", "\"name\":\"hpc\",", "")))
        .isEqualTo("condition.modes[0].metrics[0].weight");
    assertThat(refusal(String.format(modes, "", "", ""))).isEqualTo("condition.modes[1].name");
    assertThat(refusal(String.format(modes, "", "\"name\":\"fan\",", "")))
        .isEqualTo("condition.modes[1].name");
    assertThat(
            refusal(String.format(modes, "", "\"name\":\"hpc\",", ",\"model\":{\"intercept\":1}")))
        .isEqualTo("condition.model");
  }

  @Test
  void customerWordingMayNameTheModeOnlyWhenThereAreSeveral() {
    String wording =
        ",\"customerWording\":{\"text\":{\"en\":\"Wearing out ({mode}), {life_units} h left\"}}}";
    String two = RuleJson.toJson(rule(twoModes()));
    String one = RuleJson.toJson(rule(life(0, Duration.ofHours(80), Duration.ofHours(80))));

    assertThat(RuleJson.parse(two.substring(0, two.length() - 1) + wording).customerWording())
        .isNotNull();
    assertThat(refusal(one.substring(0, one.length() - 1) + wording))
        .isEqualTo("customerWording.text.en");
  }

  @Test
  void stateOfTwoModesStaysSmall() {
    Rule rule = rule(twoModes());
    Replay replay = Replay.of(rule);
    int largest = 0;
    for (int hour = 0; hour < 300; hour++) {
      replay.feed(at(hour, 10 + Series.wobble(hour), 50 - Series.wobble(hour + 7)));
      largest = Math.max(largest, RuleStates.encode(replay.state()).length);
    }
    assertThat(largest).isLessThanOrEqualTo(64);
  }

  private static String refusal(String json) {
    return catchThrowableOfType(RuleValidationException.class, () -> RuleJson.parse(json)).field();
  }
}
