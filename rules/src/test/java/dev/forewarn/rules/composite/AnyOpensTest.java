package dev.forewarn.rules.composite;

import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.Replay;
import dev.forewarn.rules.TestData;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleValidationException;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.threshold.ThresholdCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** any-opens: openings of children, each with its own lifecycle, open the composite's cases. */
class AnyOpensTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static AnyOpensCondition.Opener above(String metric, int points, Duration cooldown) {
    return new AnyOpensCondition.Opener(
        new ThresholdCondition(metric, Direction.ABOVE, 10, 5), points, cooldown);
  }

  private static Reading at(int minute, double a, double b) {
    return TestData.reading(T0.plus(MINUTE.multipliedBy(minute)), Map.of("a", a, "b", b));
  }

  /** Feeds minutes 0..last, calling advance whenever a deadline comes first, as the job does. */
  private static Replay run(
      Rule rule, int last, java.util.function.IntFunction<Reading> readingAt) {
    Replay replay = Replay.storingStateAsBytes(rule);
    for (int m = 0; m <= last; m++) {
      Reading reading = readingAt.apply(m);
      Instant due = Evaluators.deadline(rule, replay.state()).orElse(null);
      if (due != null && !due.isAfter(reading.ts())) {
        replay.advance(due);
      }
      replay.feed(reading);
    }
    return replay;
  }

  @Test
  void opensWhenAChildOpensAfterItsOwnPoints() {
    Rule rule =
        rule(new AnyOpensCondition(Duration.ofHours(1), List.of(above("a", 3, Duration.ZERO))));

    Replay replay = run(rule, 10, m -> at(m, m >= 5 ? 20 : 0, 0));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(replay.decisions().get(0).at()).isEqualTo(T0.plus(MINUTE.multipliedBy(7)));
    assertThat(replay.decisions().get(0).evidence()).containsKey("conditions[0].value");
  }

  @Test
  void aChildThatStaysOpenDoesNotHideAnotherChildsLaterOpening() {
    Rule rule =
        rule(
            new AnyOpensCondition(
                Duration.ofHours(1),
                List.of(above("a", 1, Duration.ZERO), above("b", 1, Duration.ZERO))));

    // a goes high at minute 10 and stays high; b goes high at minute 200.
    Replay replay = run(rule, 240, m -> at(m, m >= 10 ? 20 : 0, m >= 200 ? 20 : 0));

    assertThat(replay.kinds())
        .containsExactly(Decision.Kind.OPEN, Decision.Kind.CLEAR, Decision.Kind.OPEN);
    assertThat(replay.decisions().get(1).at()).isEqualTo(T0.plus(MINUTE.multipliedBy(70)));
    assertThat(replay.decisions().get(2).at()).isEqualTo(T0.plus(MINUTE.multipliedBy(200)));
  }

  @Test
  void anOpeningWithinTheCompositeCooldownIsNotANewCase() {
    Rule rule =
        rule(
            new AnyOpensCondition(
                Duration.ofHours(1),
                List.of(above("a", 1, Duration.ZERO), above("b", 1, Duration.ZERO))));

    // a is high from 10 to 19, b from 30 to 39: both close before the cooldown runs out.
    Replay replay =
        run(rule, 100, m -> at(m, m >= 10 && m < 20 ? 20 : 0, m >= 30 && m < 40 ? 20 : 0));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN, Decision.Kind.CLEAR);
    assertThat(replay.decisions().get(1).at()).isEqualTo(T0.plus(MINUTE.multipliedBy(20)));
  }

  @Test
  void aChildDoesNotReopenWithinItsOwnCooldown() {
    Rule rule =
        rule(
            new AnyOpensCondition(
                Duration.ofMinutes(1), List.of(above("a", 1, Duration.ofMinutes(30)))));

    // a is high at minutes 10, 20 and 50: the opening at 20 is inside the child's cooldown.
    Replay replay = run(rule, 60, m -> at(m, m == 10 || m == 20 || m == 50 ? 20 : 0, 0));

    assertThat(replay.decisions().stream().filter(d -> d.kind() == Decision.Kind.OPEN))
        .extracting(Decision::at)
        .containsExactly(T0.plus(MINUTE.multipliedBy(10)), T0.plus(MINUTE.multipliedBy(50)));
  }

  @Test
  void mayOnlyBeARulesOwnCondition() {
    AnyOpensCondition anyOpens =
        new AnyOpensCondition(Duration.ofHours(1), List.of(above("a", 1, Duration.ZERO)));

    RuleValidationException nested =
        catchThrowableOfType(() -> CompositeCondition.any(anyOpens), RuleValidationException.class);
    RuleValidationException child =
        catchThrowableOfType(
            () -> new AnyOpensCondition.Opener(anyOpens, 1, Duration.ZERO),
            RuleValidationException.class);
    RuleValidationException noCooldown =
        catchThrowableOfType(
            () -> new AnyOpensCondition(Duration.ZERO, List.of(above("a", 1, Duration.ZERO))),
            RuleValidationException.class);

    assertThat(nested.field()).isEqualTo("conditions[0]");
    assertThat(child.field()).isEqualTo("condition");
    assertThat(noCooldown.field()).isEqualTo("cooldown");
  }
}
