package dev.forewarn.rules.composite;

import static dev.forewarn.rules.TestData.METRIC;
import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.Replay;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.TestData;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.threshold.ThresholdCondition;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeConditionTest {

  private static final ThresholdCondition HOT =
      new ThresholdCondition(METRIC, Direction.ABOVE, 85, 80);
  private static final ThresholdCondition LOW_PRESSURE =
      new ThresholdCondition("pressure_bar", Direction.BELOW, 1.5, 2.0);

  private static Reading at(int minute, String metric, double value) {
    return TestData.reading(T0.plusSeconds(60L * minute), Map.of(metric, value));
  }

  private static Instant minute(int m) {
    return T0.plusSeconds(60L * m);
  }

  @Test
  void allHoldsOnlyWhenEveryChildsLatestVerdictHolds() {
    Replay replay =
        Replay.storingStateAsBytes(rule(CompositeCondition.all(HOT, LOW_PRESSURE)))
            .feed(at(0, METRIC, 90), at(1, METRIC, 91))
            .feed(at(2, "pressure_bar", 1.0));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    Decision open = replay.decisions().get(0);
    assertThat(open.at()).isEqualTo(minute(2));
    assertThat(open.evidence()).containsEntry("conditions[1].value", 1.0);
    assertThat(open.summary()).startsWith("pressure_bar below 1.5");

    replay.feed(at(3, METRIC, 70));
    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN, Decision.Kind.CLEAR);
  }

  @Test
  void anyHoldsWhenOneChildHoldsAndClearsWhenAllAreClear() {
    Replay replay =
        Replay.of(rule(CompositeCondition.any(HOT, LOW_PRESSURE)))
            .feed(at(0, "pressure_bar", 1.0))
            .feed(at(1, METRIC, 70), at(2, METRIC, 95));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);

    replay.feed(at(3, "pressure_bar", 2.5));
    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    replay.feed(at(4, METRIC, 70));
    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN, Decision.Kind.CLEAR);
  }

  @Test
  void aReadingWithNoChildsMetricChangesNothing() {
    Rule rule = rule(CompositeCondition.all(HOT, LOW_PRESSURE));
    RuleState state = Replay.of(rule).feed(at(0, METRIC, 90)).state();

    assertThat(Evaluators.evaluate(rule, state, at(1, "humidity", 40)).state()).isSameAs(state);
  }
}
