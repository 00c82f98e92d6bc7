package dev.forewarn.rules.threshold;

import static dev.forewarn.rules.TestData.DEVICE;
import static dev.forewarn.rules.TestData.HOT;
import static dev.forewarn.rules.TestData.NORMAL;
import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.T0_PLUS_10M;
import static dev.forewarn.rules.TestData.T0_PLUS_1M;
import static dev.forewarn.rules.TestData.T0_PLUS_2M;
import static dev.forewarn.rules.TestData.T0_PLUS_3M;
import static dev.forewarn.rules.TestData.T0_PLUS_4M;
import static dev.forewarn.rules.TestData.T0_PLUS_5M;
import static dev.forewarn.rules.TestData.T0_PLUS_6M;
import static dev.forewarn.rules.TestData.WARM;
import static dev.forewarn.rules.TestData.overheat;
import static dev.forewarn.rules.TestData.reading;
import static dev.forewarn.rules.TestData.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.Replay;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.lifecycle.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThresholdClearingTest {

  /** An overheat case opened at T0_PLUS_2M for the episode that began at T0. */
  private static Replay openedAtTwoMinutes() {
    Replay replay =
        Replay.of(overheat())
            .feed(reading(T0, HOT), reading(T0_PLUS_1M, HOT), reading(T0_PLUS_2M, HOT));
    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    return replay;
  }

  @Test
  void doesNotClearBetweenClearLevelAndLevel() {
    Replay replay =
        openedAtTwoMinutes()
            .feed(reading(T0_PLUS_3M, WARM), reading(T0_PLUS_4M, 80.1), reading(T0_PLUS_5M, 84.9));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(replay.lifecycle().open()).isTrue();
  }

  @Test
  void clearsAtTheClearLevel() {
    Replay replay = openedAtTwoMinutes().feed(reading(T0_PLUS_3M, 80.0));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN, Decision.Kind.CLEAR);
    assertThat(replay.decisions().get(1).at()).isEqualTo(T0_PLUS_3M);
    assertThat(replay.lifecycle().open()).isFalse();
  }

  @Test
  void episodeStartIsCarriedFromOpenToClear() {
    Replay replay =
        openedAtTwoMinutes().feed(reading(T0_PLUS_3M, WARM), reading(T0_PLUS_4M, NORMAL));

    Decision open = replay.decisions().get(0);
    Decision clear = replay.decisions().get(1);
    assertThat(open.episodeStart()).isEqualTo(T0);
    assertThat(clear.episodeStart()).isEqualTo(T0);
    assertThat(CaseEvent.of(DEVICE, clear).eventId())
        .isNotEqualTo(CaseEvent.of(DEVICE, open).eventId());
  }

  @Test
  void flappingAroundTheLevelOpensOnceAndNeverClears() {
    Replay replay = Replay.of(overheat());
    for (int i = 0; i < 60; i++) {
      replay.feed(reading(T0.plusSeconds(30L * i), i % 2 == 0 ? 86.0 : 84.0));
    }
    assertThat(replay.kinds()).isEmpty();

    Replay held = openedAtTwoMinutes();
    for (int i = 0; i < 60; i++) {
      held.feed(reading(T0_PLUS_3M.plusSeconds(30L * i), i % 2 == 0 ? 84.0 : 86.0));
    }
    assertThat(held.kinds()).containsExactly(Decision.Kind.OPEN);
  }

  @Test
  void flappingWithoutHysteresisIsDampedBySustainedFor() {
    Rule noHysteresis = threshold().levels(85.0, 85.0).build();
    Replay replay = Replay.of(noHysteresis);
    for (int i = 0; i < 60; i++) {
      replay.feed(reading(T0.plusSeconds(30L * i), i % 2 == 0 ? 86.0 : 84.0));
    }

    assertThat(replay.decisions()).isEmpty();
  }

  @Test
  void newBreachAfterClearingStartsANewEpisode() {
    Replay replay =
        openedAtTwoMinutes()
            .feed(
                reading(T0_PLUS_3M, NORMAL),
                reading(T0_PLUS_4M, HOT),
                reading(T0_PLUS_5M, HOT),
                reading(T0_PLUS_6M, HOT));

    assertThat(replay.kinds())
        .containsExactly(Decision.Kind.OPEN, Decision.Kind.CLEAR, Decision.Kind.OPEN);
    Decision reopened = replay.decisions().get(2);
    assertThat(reopened.episodeStart()).isEqualTo(T0_PLUS_4M);
    assertThat(CaseEvent.of(DEVICE, reopened).eventId())
        .isNotEqualTo(CaseEvent.of(DEVICE, replay.decisions().get(0)).eventId());
  }

  @Test
  void longSilenceWhileOpenDoesNotClear() {
    Replay replay = openedAtTwoMinutes().feed(reading(T0_PLUS_10M.plusSeconds(3600), WARM));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(replay.lifecycle().openSince()).isEqualTo(T0);
  }

  @Test
  void belowRuleClearsOnlyAtOrAboveItsClearLevel() {
    Rule rule = threshold().below(10.0, 15.0).sustainedFor(Duration.ZERO).minPoints(1).build();

    Replay replay = Replay.of(rule).feed(reading(T0, 5.0), reading(T0_PLUS_1M, 12.0));
    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);

    replay.feed(reading(T0_PLUS_2M, 15.0));
    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN, Decision.Kind.CLEAR);
    assertThat(replay.decisions().get(1).episodeStart()).isEqualTo(T0);
  }

  @Test
  void clearingReadingIsRememberedAsTheLastOne() {
    Instant clearedAt = T0_PLUS_3M;
    Replay replay = openedAtTwoMinutes().feed(reading(clearedAt, NORMAL));

    assertThat(replay.state().lastTs()).isEqualTo(clearedAt);
    assertThat(replay.lifecycle().open()).isFalse();
    assertThat(replay.lifecycle().runSince()).isNull();
    assertThat(replay.lifecycle().clearedAt()).isEqualTo(clearedAt);
  }
}
