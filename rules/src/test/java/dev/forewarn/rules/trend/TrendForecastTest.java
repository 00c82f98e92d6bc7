package dev.forewarn.rules.trend;

import static dev.forewarn.rules.TestData.METRIC;
import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.T0_PLUS_5M;
import static dev.forewarn.rules.TestData.reading;
import static dev.forewarn.rules.TestData.risingToward;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.Replay;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.RuleStates;
import dev.forewarn.rules.Series;
import dev.forewarn.rules.TestData;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.stats.BaselineState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendForecastTest {

  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  /** 50, 51, 52, ... every five minutes: 80 is reached at T0 + 150m. */
  private static Reading[] ramp(int count) {
    return Series.of(T0, FIVE_MINUTES, count, i -> 50 + i);
  }

  private static Instant minutes(double m) {
    return T0.plusMillis((long) (m * 60_000));
  }

  @Test
  void opensCaseWhenForecastCrossesLimitWithinHorizon() {
    Replay replay =
        Replay.storingStateAsBytes(rule(risingToward(80, Duration.ofHours(3)))).feed(ramp(6));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    Decision open = replay.decisions().get(0);
    assertThat(open.at()).isEqualTo(minutes(25));
    assertThat(open.eta()).contains(minutes(150));
    assertThat(open.etaConfidence().getAsDouble()).isCloseTo(0.5, within(1e-9));
    assertThat(open.evidence())
        .containsEntry("slope_per_hour", 12.0)
        .containsEntry("fit_r2", 1.0)
        .containsEntry("limit", 80.0)
        .containsEntry("eta_seconds", 125 * 60.0)
        .containsEntry("eta_confidence", 0.5)
        .containsEntry("window_points", 6.0);
    assertThat(open.summary())
        .isEqualTo(
            "compressor_temp_c rising toward 80.0 (crossing in about 2h, confidence 0.5,"
                + " now 55.0)");
  }

  @Test
  void doesNotOpenWithTooFewPointsInTheWindow() {
    Replay replay = Replay.of(rule(risingToward(80, Duration.ofHours(3)))).feed(ramp(5));

    assertThat(replay.decisions()).isEmpty();
  }

  @Test
  void doesNotOpenWhenTheCrossingIsBeyondTheHorizon() {
    Reading[] slow = Series.of(T0, FIVE_MINUTES, 24, i -> 50 + 0.1 * i);

    assertThat(Replay.of(rule(risingToward(80, Duration.ofHours(3)))).feed(slow).decisions())
        .isEmpty();
  }

  @Test
  void doesNotOpenWhenTheFitIsPoor() {
    Reading[] zigzag = Series.of(T0, FIVE_MINUTES, 24, i -> 50 + 10 * (i % 2) + 0.2 * i);

    assertThat(Replay.of(rule(risingToward(80, Duration.ofDays(10)))).feed(zigzag).decisions())
        .isEmpty();
  }

  @Test
  void aSteadyTrendDoesNotUpdateTheOpenCase() {
    assertThat(Replay.of(rule(risingToward(80, Duration.ofHours(3)))).feed(ramp(26)).kinds())
        .containsExactly(Decision.Kind.OPEN);
  }

  @Test
  void updatesWhenTheEtaMovesMateriallyWithTheSameEpisode() {
    Reading[] accelerating =
        Series.of(T0, FIVE_MINUTES, 14, i -> i < 10 ? 50 + i : 59 + 5 * (i - 9));

    Replay replay = Replay.of(rule(risingToward(100, Duration.ofHours(6)))).feed(accelerating);

    assertThat(replay.kinds()).startsWith(Decision.Kind.OPEN, Decision.Kind.UPDATE);
    Decision open = replay.decisions().get(0);
    Decision update = replay.decisions().get(1);
    assertThat(update.episodeStart()).isEqualTo(open.episodeStart());
    assertThat(update.eta().get()).isBefore(open.eta().get());
    assertThat(update.severity()).isEqualTo(Severity.WARNING);
    CaseEvent event = CaseEvent.of(TestData.DEVICE, update);
    assertThat(event.type()).isEqualTo(CaseEvent.Type.UPDATED);
    assertThat(event.eta().get()).isCloseTo(update.eta().get(), within(Duration.ofMillis(1)));
  }

  @Test
  void escalatesToCriticalWhenTheCrossingComesWithinEscalateWithin() {
    TrendForecastCondition base = risingToward(80, Duration.ofHours(3));
    TrendForecastCondition escalating =
        new TrendForecastCondition(
            METRIC,
            Direction.ABOVE,
            80.0,
            null,
            base.horizon(),
            base.clearHorizon(),
            base.window(),
            base.buckets(),
            base.minPointsInWindow(),
            base.minFit(),
            base.minConfidence(),
            base.etaChange(),
            Duration.ofHours(1));

    Replay replay = Replay.of(rule(escalating)).feed(ramp(20));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN, Decision.Kind.UPDATE);
    Decision update = replay.decisions().get(1);
    assertThat(update.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(update.at()).isEqualTo(minutes(90));
    assertThat(update.summary()).endsWith(", now critical");
  }

  @Test
  void withdrawsTheCaseWhenTheTrendFlattens() {
    Reading[] flattening = Series.of(T0, FIVE_MINUTES, 30, i -> 50 + Math.min(i, 6));

    Replay replay = Replay.of(rule(risingToward(80, Duration.ofHours(3)))).feed(flattening);

    // As the slope fades the ETA recedes (updates), then the forecast is withdrawn.
    assertThat(replay.kinds()).startsWith(Decision.Kind.OPEN).endsWith(Decision.Kind.CLEAR);
    Decision open = replay.decisions().get(0);
    replay.decisions().stream()
        .filter(d -> d.kind() == Decision.Kind.UPDATE)
        .forEach(update -> assertThat(update.eta().get()).isAfter(open.eta().get()));
    Decision clear = replay.decisions().get(replay.decisions().size() - 1);
    assertThat(clear.episodeStart()).isEqualTo(replay.decisions().get(0).episodeStart());
    assertThat(clear.eta()).isEmpty();
    assertThat(clear.summary())
        .isEqualTo("compressor_temp_c no longer forecast to reach 80.0 within 3h after 30m");
  }

  @Test
  void aGapLongerThanTheWindowLeavesTheCaseOpenUntilThereIsDataAgain() {
    Replay replay = Replay.of(rule(risingToward(80, Duration.ofHours(3)))).feed(ramp(6));

    replay.feed(reading(minutes(25).plus(Duration.ofHours(3)), 55.0));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(replay.lifecycle().open()).isTrue();
  }

  @Test
  void ignoresDuplicateLateAndForeignReadings() {
    Rule rule = rule(risingToward(80, Duration.ofHours(3)));
    RuleState state = Replay.of(rule).feed(ramp(3)).state();

    assertThat(Evaluators.evaluate(rule, state, ramp(3)[2]).state()).isSameAs(state);
    assertThat(Evaluators.evaluate(rule, state, ramp(3)[0]).state()).isSameAs(state);
    Reading other = TestData.reading(minutes(30), Map.of("pressure_bar", 2.0));
    assertThat(Evaluators.evaluate(rule, state, other).state()).isSameAs(state);
  }

  @Test
  void aLearnedLimitLiesSpreadsAboveEachDevicesOwnWarmUp() {
    LearnedLimit learned = new LearnedLimit(6, 12, Duration.ZERO, 0, 0);
    TrendForecastCondition base = risingToward(0, Duration.ofHours(3));
    TrendForecastCondition condition =
        new TrendForecastCondition(
            METRIC,
            Direction.ABOVE,
            null,
            learned,
            base.horizon(),
            base.clearHorizon(),
            base.window(),
            base.buckets(),
            base.minPointsInWindow(),
            base.minFit(),
            base.minConfidence(),
            base.etaChange(),
            null);
    Reading[] warmUpThenRamp =
        Series.of(T0, FIVE_MINUTES, 40, i -> i < 12 ? 50 + Series.wobble(i) : 50 + (i - 12));

    Replay replay = Replay.of(rule(condition)).feed(warmUpThenRamp);

    BaselineState baseline = ((TrendState) replay.state().condition()).baseline();
    double limit = baseline.centre() + 6 * baseline.absDeviation() * Math.sqrt(Math.PI / 2);
    assertThat(baseline.count()).isEqualTo(12);
    assertThat(replay.kinds()).startsWith(Decision.Kind.OPEN);
    assertThat(replay.decisions().get(0).evidence().get("limit")).isCloseTo(limit, within(1e-9));
  }

  @Test
  void stateStaysTheSameSizeWhateverTheReadingRate() {
    Rule rule = rule(risingToward(1e6, Duration.ofHours(3)));
    Reading[] slow = Series.of(T0, FIVE_MINUTES, 24, i -> 50 + i + 0.123 * Series.wobble(i));
    Reading[] fast =
        Series.of(T0, Duration.ofSeconds(10), 720, i -> 50 + i / 30.0 + Series.wobble(i));

    int slowBytes = RuleStates.encode(Replay.of(rule).feed(slow).state()).length;
    int fastBytes = RuleStates.encode(Replay.of(rule).feed(fast).state()).length;

    assertThat(slowBytes).isLessThanOrEqualTo(192);
    assertThat(fastBytes).isLessThanOrEqualTo(192);
    assertThat(T0_PLUS_5M).isEqualTo(ramp(2)[1].ts());
  }
}
