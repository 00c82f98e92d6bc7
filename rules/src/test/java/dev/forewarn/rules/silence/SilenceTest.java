package dev.forewarn.rules.silence;

import static dev.forewarn.rules.TestData.METRIC;
import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.reading;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.Replay;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.composite.CompositeCondition;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.threshold.ThresholdCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilenceTest {

  private static final Rule SILENT_15M = rule(new SilenceCondition(null, Duration.ofMinutes(15)));

  private static Instant minute(int m) {
    return T0.plusSeconds(60L * m);
  }

  @Test
  void deadlineIsJustAfterTheAllowedSilence() {
    RuleState state = Replay.of(SILENT_15M).feed(reading(T0, 70.0)).state();

    assertThat(Evaluators.deadline(SILENT_15M, state)).contains(minute(15).plusNanos(1));
  }

  @Test
  void advanceOpensOnceSilentLongerThanAfterWithTheSameEpisodeWhenever() {
    Replay atDeadline = Replay.storingStateAsBytes(SILENT_15M).feed(reading(T0, 70.0));
    atDeadline.advance(minute(15));
    assertThat(atDeadline.decisions()).isEmpty();
    atDeadline.advance(minute(15).plusNanos(1));

    Replay muchLater = Replay.of(SILENT_15M).feed(reading(T0, 70.0)).advance(minute(40));

    assertThat(atDeadline.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(muchLater.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(atDeadline.decisions().get(0).episodeStart())
        .isEqualTo(muchLater.decisions().get(0).episodeStart())
        .isEqualTo(minute(15));
    assertThat(muchLater.decisions().get(0).summary())
        .startsWith("no readings for more than 15m for 25m");
  }

  @Test
  void theNextReadingClears() {
    Replay replay =
        Replay.of(SILENT_15M)
            .feed(reading(T0, 70.0))
            .advance(minute(20))
            .feed(reading(minute(22), 70.0));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN, Decision.Kind.CLEAR);
    assertThat(replay.decisions().get(1).evidence()).containsEntry("silent_seconds", 22 * 60.0);
  }

  @Test
  void readingsExactlyAfterApartAreNeverSilent() {
    Replay replay = Replay.of(SILENT_15M);
    for (int m = 0; m <= 60; m += 15) {
      replay.advance(minute(m)).feed(reading(minute(m), 70.0));
    }

    assertThat(replay.decisions()).isEmpty();
  }

  @Test
  void advanceWithoutADecisionMovesTheDeadlineOn() {
    Rule rule =
        rule(
            CompositeCondition.all(
                new SilenceCondition(null, Duration.ofMinutes(15)),
                new ThresholdCondition(METRIC, Direction.ABOVE, 85, 80)));
    Replay replay = Replay.of(rule).feed(reading(T0, 70.0));
    Instant deadline = Evaluators.deadline(rule, replay.state()).orElseThrow();

    replay.advance(deadline);

    assertThat(replay.decisions()).isEmpty();
    assertThat(Evaluators.deadline(rule, replay.state())).isEmpty();
  }

  @Test
  void silenceOfOneMetricIsNoticedOnReadingsWithoutIt() {
    Rule rule = rule(new SilenceCondition(METRIC, Duration.ofMinutes(15)));

    Replay replay =
        Replay.of(rule)
            .feed(reading(T0, 70.0))
            .feed(reading(minute(10), Map.of("pressure_bar", 2.0)))
            .feed(reading(minute(20), Map.of("pressure_bar", 2.0)));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(replay.decisions().get(0).at()).isEqualTo(minute(20));
    assertThat(replay.decisions().get(0).summary())
        .startsWith("no readings of compressor_temp_c for more than 15m");
  }
}
