package dev.forewarn.rules.threshold;

import static dev.forewarn.rules.TestData.HOT;
import static dev.forewarn.rules.TestData.NORMAL;
import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.T0_PLUS_1H;
import static dev.forewarn.rules.TestData.T0_PLUS_1M;
import static dev.forewarn.rules.TestData.T0_PLUS_2M;
import static dev.forewarn.rules.TestData.T0_PLUS_30S;
import static dev.forewarn.rules.TestData.T0_PLUS_3M;
import static dev.forewarn.rules.TestData.T0_PLUS_4M;
import static dev.forewarn.rules.TestData.T0_PLUS_5M;
import static dev.forewarn.rules.TestData.T0_PLUS_6M;
import static dev.forewarn.rules.TestData.T0_PLUS_90S;
import static dev.forewarn.rules.TestData.overheat;
import static dev.forewarn.rules.TestData.reading;
import static dev.forewarn.rules.TestData.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.Replay;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.Decision;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThresholdOpeningTest {

  @Test
  void opensOnceBreachHasLastedSustainedForWithEnoughPoints() {
    Replay replay = Replay.of(overheat()).feed(reading(T0, HOT), reading(T0_PLUS_1M, HOT));
    assertThat(replay.decisions()).isEmpty();

    replay.feed(reading(T0_PLUS_2M, HOT));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    Decision open = replay.decisions().get(0);
    assertThat(open.at()).isEqualTo(T0_PLUS_2M);
    assertThat(open.episodeStart()).isEqualTo(T0);
  }

  @Test
  void doesNotOpenWhenSustainedForIsMetWithTooFewPoints() {
    Rule rule = threshold().sustainedFor(Duration.ofMinutes(5)).minPoints(3).build();

    Replay replay = Replay.of(rule).feed(reading(T0, HOT), reading(T0_PLUS_5M, HOT));
    assertThat(replay.decisions()).isEmpty();

    replay.feed(reading(T0_PLUS_6M, HOT));
    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
  }

  @Test
  void doesNotOpenWhenEnoughPointsArriveBeforeSustainedForHasPassed() {
    Replay replay =
        Replay.of(overheat())
            .feed(
                reading(T0, HOT),
                reading(T0.plusSeconds(10), HOT),
                reading(T0.plusSeconds(20), HOT),
                reading(T0_PLUS_30S, HOT),
                reading(T0_PLUS_90S, HOT));

    assertThat(replay.decisions()).isEmpty();
    assertThat(replay.lifecycle().runPoints()).isEqualTo(5);
    assertThat(replay.lifecycle().runSince()).isEqualTo(T0);
  }

  @Test
  void valueExactlyAtLevelIsNotABreach() {
    Rule rule = threshold().sustainedFor(Duration.ZERO).minPoints(1).build();

    Replay replay = Replay.of(rule).feed(reading(T0, 85.0), reading(T0_PLUS_1M, 85.0));

    assertThat(replay.decisions()).isEmpty();
    assertThat(replay.lifecycle().runSince()).isNull();
  }

  @Test
  void readingBackOnTheGoodSideRestartsTheRun() {
    Replay replay =
        Replay.of(overheat())
            .feed(reading(T0, HOT), reading(T0_PLUS_1M, HOT), reading(T0_PLUS_90S, NORMAL));
    assertThat(replay.lifecycle().runSince()).isNull();

    replay.feed(reading(T0_PLUS_2M, HOT), reading(T0_PLUS_3M, HOT));
    assertThat(replay.decisions()).isEmpty();

    replay.feed(reading(T0_PLUS_4M, HOT));
    assertThat(replay.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(Decision.Kind.OPEN);
              assertThat(d.episodeStart()).isEqualTo(T0_PLUS_2M);
            });
  }

  @Test
  void gapLongerThanSustainedForRestartsTheRun() {
    Replay replay =
        Replay.of(overheat())
            .feed(reading(T0, HOT), reading(T0_PLUS_1M, HOT), reading(T0_PLUS_4M, HOT));

    assertThat(replay.decisions()).isEmpty();
    assertThat(replay.lifecycle().runSince()).isEqualTo(T0_PLUS_4M);
    assertThat(replay.lifecycle().runPoints()).isEqualTo(1);

    replay.feed(reading(T0_PLUS_5M, HOT), reading(T0_PLUS_6M, HOT));
    assertThat(replay.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.at()).isEqualTo(T0_PLUS_6M);
              assertThat(d.episodeStart()).isEqualTo(T0_PLUS_4M);
            });
  }

  @Test
  void gapExactlySustainedForContinuesTheRun() {
    Rule rule = threshold().minPoints(2).build();

    Replay replay = Replay.of(rule).feed(reading(T0, HOT), reading(T0_PLUS_2M, HOT));

    assertThat(replay.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.episodeStart()).isEqualTo(T0);
            });
  }

  @Test
  void zeroSustainedForOpensOnTheFirstBreachingReading() {
    Rule rule = threshold().sustainedFor(Duration.ZERO).minPoints(1).build();

    Replay replay = Replay.of(rule).feed(reading(T0, NORMAL), reading(T0_PLUS_1M, HOT));

    assertThat(replay.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.at()).isEqualTo(T0_PLUS_1M);
              assertThat(d.episodeStart()).isEqualTo(T0_PLUS_1M);
            });
  }

  @Test
  void zeroSustainedForCountsPointsAcrossAnyGap() {
    Rule rule = threshold().sustainedFor(Duration.ZERO).minPoints(3).build();

    Replay replay = Replay.of(rule).feed(reading(T0, HOT), reading(T0_PLUS_1H, HOT));
    assertThat(replay.decisions()).isEmpty();

    replay.feed(reading(T0_PLUS_1H.plusSeconds(3600), HOT));
    assertThat(replay.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.episodeStart()).isEqualTo(T0);
            });
  }

  @Test
  void belowRuleOpensWhenValueStaysUnderLevel() {
    Rule rule = threshold().below(10.0, 15.0).build();

    Replay replay =
        Replay.of(rule).feed(reading(T0, 12.0), reading(T0_PLUS_1M, 9.0), reading(T0_PLUS_2M, 8.0));
    assertThat(replay.decisions()).isEmpty();

    replay.feed(reading(T0_PLUS_3M, 9.5));
    assertThat(replay.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(Decision.Kind.OPEN);
              assertThat(d.episodeStart()).isEqualTo(T0_PLUS_1M);
            });
  }

  @Test
  void stillBreachingAfterOpeningOpensNothingMore() {
    Replay replay =
        Replay.of(overheat())
            .feed(
                reading(T0, HOT),
                reading(T0_PLUS_1M, HOT),
                reading(T0_PLUS_2M, HOT),
                reading(T0_PLUS_3M, HOT + 5),
                reading(T0_PLUS_4M, HOT + 10));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(replay.lifecycle().openSince()).isEqualTo(T0);
  }
}
