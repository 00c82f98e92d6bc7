package dev.forewarn.rules.lifecycle;

import static dev.forewarn.rules.TestData.HOT;
import static dev.forewarn.rules.TestData.METRIC;
import static dev.forewarn.rules.TestData.NORMAL;
import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.reading;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.Replay;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.threshold.ThresholdCondition;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Cooldown and flap suppression, which every condition gets from the shared lifecycle. */
class LifecycleTest {

  private static final ThresholdCondition OVERHEAT =
      new ThresholdCondition(METRIC, Direction.ABOVE, 85, 80);

  private static Instant minute(int m) {
    return T0.plusSeconds(60L * m);
  }

  @Test
  void cooldownBlocksAReopenUntilItHasPassed() {
    Rule rule = rule(OVERHEAT, new Lifecycle(Duration.ZERO, 1, Duration.ofMinutes(30), null));

    Replay replay =
        Replay.of(rule)
            .feed(reading(minute(0), HOT), reading(minute(5), NORMAL))
            .feed(reading(minute(10), HOT), reading(minute(20), HOT))
            .feed(reading(minute(35), HOT));

    assertThat(replay.kinds())
        .containsExactly(Decision.Kind.OPEN, Decision.Kind.CLEAR, Decision.Kind.OPEN);
    Decision reopen = replay.decisions().get(2);
    assertThat(reopen.at()).isEqualTo(minute(35));
    assertThat(reopen.episodeStart()).isEqualTo(minute(10));
  }

  @Test
  void flappingAroundALevelIsHeldOpenInsteadOfNotifyingAgain() {
    FlapSuppression flap = new FlapSuppression(2, Duration.ofHours(1), Duration.ofMinutes(15));
    Rule rule = rule(OVERHEAT, new Lifecycle(Duration.ZERO, 1, Duration.ZERO, flap));

    Replay replay = Replay.storingStateAsBytes(rule);
    for (int m = 0; m < 40; m += 2) {
      replay.feed(reading(minute(m), m % 4 == 0 ? HOT : NORMAL));
    }

    // Open, clear, open again (the second open makes it flapping), then held open.
    assertThat(replay.kinds())
        .containsExactly(Decision.Kind.OPEN, Decision.Kind.CLEAR, Decision.Kind.OPEN);

    // The last return of the heat was at minute 36; clear since 38, held for 15 minutes.
    replay.feed(reading(minute(45), NORMAL), reading(minute(52), NORMAL));
    assertThat(replay.kinds()).hasSize(3);
    replay.feed(reading(minute(53), NORMAL));
    assertThat(replay.kinds()).hasSize(4).endsWith(Decision.Kind.CLEAR);
    Decision clear = replay.decisions().get(3);
    assertThat(clear.episodeStart()).isEqualTo(minute(4));
    assertThat(clear.evidence()).containsEntry("held_seconds", 15 * 60.0);
  }

  @Test
  void advanceClearsAHeldCaseWhenItsHoldRunsOut() {
    FlapSuppression flap = new FlapSuppression(2, Duration.ofHours(1), Duration.ofMinutes(15));
    Rule rule = rule(OVERHEAT, new Lifecycle(Duration.ZERO, 1, Duration.ZERO, flap));
    Replay replay =
        Replay.of(rule)
            .feed(reading(minute(0), HOT), reading(minute(1), NORMAL))
            .feed(reading(minute(2), HOT), reading(minute(3), NORMAL));

    assertThat(Evaluators.deadline(rule, replay.state())).contains(minute(18));
    replay.advance(minute(17));
    assertThat(replay.kinds()).hasSize(3);
    replay.advance(minute(18));

    assertThat(replay.kinds()).hasSize(4).endsWith(Decision.Kind.CLEAR);
    assertThat(replay.decisions().get(3).at()).isEqualTo(minute(18));
    assertThat(Evaluators.deadline(rule, replay.state())).isEmpty();
  }

  @Test
  void anUpdatedEventIdDependsOnItsEventTimeAndIsStable() {
    Decision update =
        new Decision(Decision.Kind.UPDATE, "r", 1, Severity.WARNING, minute(5), T0, null, "moved");

    CaseEvent event = CaseEvent.of("d", update);

    assertThat(event.type()).isEqualTo(CaseEvent.Type.UPDATED);
    assertThat(event.eventId())
        .isEqualTo(CaseEvent.idFor("d", "r", 1, CaseEvent.Type.UPDATED, T0, minute(5)))
        .isNotEqualTo(CaseEvent.idFor("d", "r", 1, CaseEvent.Type.UPDATED, T0, minute(6)))
        .isEqualTo(CaseEvent.of("d", update).eventId());
    assertThat(CaseEvent.idFor("d", "r", 1, CaseEvent.Type.OPENED, T0, minute(5)))
        .isEqualTo(CaseEvent.idFor("d", "r", 1, CaseEvent.Type.OPENED, T0));
  }
}
