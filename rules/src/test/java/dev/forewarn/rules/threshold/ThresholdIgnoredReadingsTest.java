package dev.forewarn.rules.threshold;

import static dev.forewarn.rules.TestData.HOT;
import static dev.forewarn.rules.TestData.METRIC;
import static dev.forewarn.rules.TestData.NORMAL;
import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.T0_PLUS_1M;
import static dev.forewarn.rules.TestData.T0_PLUS_2M;
import static dev.forewarn.rules.TestData.T0_PLUS_30S;
import static dev.forewarn.rules.TestData.T0_PLUS_3M;
import static dev.forewarn.rules.TestData.overheat;
import static dev.forewarn.rules.TestData.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forewarn.rules.Evaluation;
import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.Replay;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.condition.ConditionState;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.LifecycleState;
import dev.forewarn.rules.reading.Reading;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Readings that must change nothing: duplicates, late ones, and ones without a usable value. */
class ThresholdIgnoredReadingsTest {

  private static final Rule RULE = overheat();

  private static RuleState breachingForOneMinute() {
    return Replay.of(RULE).feed(reading(T0, HOT), reading(T0_PLUS_1M, HOT)).state();
  }

  private static RuleState open() {
    return Replay.of(RULE)
        .feed(reading(T0, HOT), reading(T0_PLUS_1M, HOT), reading(T0_PLUS_2M, HOT))
        .state();
  }

  @Test
  void duplicateReadingChangesNothing() {
    RuleState state = breachingForOneMinute();

    Evaluation evaluation = Evaluators.evaluate(RULE, state, reading(T0_PLUS_1M, HOT));

    assertThat(evaluation.state()).isSameAs(state);
    assertThat(evaluation.decision()).isEmpty();
  }

  @Test
  void duplicateTimestampWithAnotherValueCannotClearAnOpenCase() {
    RuleState state = open();

    Evaluation evaluation = Evaluators.evaluate(RULE, state, reading(T0_PLUS_2M, NORMAL));

    assertThat(evaluation.state()).isSameAs(state);
    assertThat(evaluation.decision()).isEmpty();
  }

  @Test
  void outOfOrderReadingChangesNothing() {
    RuleState state = open();

    Evaluation evaluation = Evaluators.evaluate(RULE, state, reading(T0_PLUS_30S, NORMAL));

    assertThat(evaluation.state()).isSameAs(state);
    assertThat(evaluation.decision()).isEmpty();
  }

  @Test
  void lateBreachingReadingDoesNotCountTowardsMinPoints() {
    Replay replay =
        Replay.of(RULE).feed(reading(T0, HOT), reading(T0_PLUS_2M, HOT), reading(T0_PLUS_1M, HOT));

    assertThat(replay.decisions()).isEmpty();
    assertThat(replay.lifecycle().runPoints()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nonFiniteValueChangesNothing(double value) {
    RuleState state = open();

    Evaluation evaluation = Evaluators.evaluate(RULE, state, reading(T0_PLUS_3M, value));

    assertThat(evaluation.state()).isSameAs(state);
    assertThat(evaluation.decision()).isEmpty();
  }

  @Test
  void nonFiniteValueDoesNotAdvanceTheLastTimestamp() {
    Replay replay =
        Replay.of(RULE)
            .feed(reading(T0, HOT), reading(T0_PLUS_1M, Double.NaN), reading(T0_PLUS_1M, HOT));

    assertThat(replay.lifecycle().runPoints()).isEqualTo(2);
    assertThat(replay.lifecycle().lastTs()).isEqualTo(T0_PLUS_1M);
  }

  @Test
  void readingWithoutTheMetricChangesNothing() {
    RuleState state = breachingForOneMinute();

    Evaluation evaluation =
        Evaluators.evaluate(RULE, state, reading(T0_PLUS_2M, Map.of("fan_rpm", 1200.0)));

    assertThat(evaluation.state()).isSameAs(state);
    assertThat(evaluation.decision()).isEmpty();
  }

  @Test
  void readingWithOtherMetricsAlongsideIsEvaluated() {
    RuleState state = breachingForOneMinute();

    Evaluation evaluation =
        Evaluators.evaluate(
            RULE, state, reading(T0_PLUS_2M, Map.of("fan_rpm", 1200.0, METRIC, HOT)));

    assertThat(evaluation.decision()).isPresent();
  }

  @Test
  void nullStateMeansTheInitialState() {
    Reading first = reading(T0, HOT);

    assertThat(Evaluators.evaluate(RULE, null, first))
        .isEqualTo(Evaluators.evaluate(RULE, Evaluators.initialState(RULE), first));
    assertThat(Evaluators.initialState(RULE))
        .isEqualTo(new RuleState(LifecycleState.INITIAL, ConditionState.None.INSTANCE));
  }

  @Test
  void negativeRunPointsAreRefusedInState() {
    assertThatThrownBy(
            () -> new LifecycleState(T0, null, T0, -1, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("runPoints");
  }
}
