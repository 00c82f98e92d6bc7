package dev.forewarn.rules.drift;

import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.drift;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.forewarn.rules.Replay;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.RuleStates;
import dev.forewarn.rules.Series;
import dev.forewarn.rules.TestData;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.lifecycle.Lifecycle;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.stats.Baselines;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class BaselineDriftTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Lifecycle THREE_POINTS = Lifecycle.sustained(Duration.ZERO, 3);

  /** 60 healthy minutes around 10 with a little noise, then {@code after(i)} from minute 60. */
  private static Reading[] healthyThen(int count, IntToDoubleFunction after) {
    return Series.of(
        T0, MINUTE, count, i -> i < 60 ? 10 + 0.1 * Series.wobble(i) : after.applyAsDouble(i));
  }

  private static Instant minute(int i) {
    return T0.plus(MINUTE.multipliedBy(i));
  }

  @Test
  void onlyLearnsDuringTheWarmUp() {
    Reading[] wild = Series.of(T0, MINUTE, 19, i -> i == 10 ? 1000 : 10);

    Replay replay = Replay.of(rule(drift(4))).feed(wild);

    assertThat(replay.decisions()).isEmpty();
    assertThat(((DriftState) replay.state().condition()).baseline().count()).isEqualTo(19);
  }

  @Test
  void opensOnASustainedShiftMeasuredInTheDevicesOwnSpread() {
    Replay replay =
        Replay.storingStateAsBytes(rule(drift(4), THREE_POINTS)).feed(healthyThen(70, i -> 11.0));

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    Decision open = replay.decisions().get(0);
    assertThat(open.at()).isEqualTo(minute(62));
    assertThat(open.episodeStart()).isEqualTo(minute(60));
    assertThat(open.evidence().get("baseline")).isCloseTo(10.0, within(0.05));
    assertThat(open.evidence().get("deviation")).isGreaterThan(4);
    assertThat(open.summary()).startsWith("compressor_temp_c above its baseline ");
  }

  @Test
  void oneRuleBehavesTheSameOnAnyScaleAndOffset() {
    Reading[] small = healthyThen(90, i -> 11.0);
    Reading[] large = Series.of(T0, MINUTE, 90, i -> 5000 + 1000 * value(small[i]));

    Replay a = Replay.of(rule(drift(4), THREE_POINTS)).feed(small);
    Replay b = Replay.of(rule(drift(4), THREE_POINTS)).feed(large);

    assertThat(b.decisions()).hasSameSizeAs(a.decisions()).isNotEmpty();
    assertThat(b.decisions().get(0).at()).isEqualTo(a.decisions().get(0).at());
    assertThat(b.decisions().get(0).evidence().get("deviation"))
        .isCloseTo(a.decisions().get(0).evidence().get("deviation"), within(1e-6));
  }

  @Test
  void aSingleSpikeOpensWithoutSmoothingButNotWithIt() {
    Reading[] warm = healthyThen(60, i -> 0);
    DriftState learned = (DriftState) Replay.of(rule(drift(4))).feed(warm).state().condition();
    double spike =
        learned.baseline().centre() + 6 * Baselines.spread(learned.baseline(), 0, 0); // six spreads
    Reading[] withSpike = healthyThen(66, i -> i == 60 ? spike : 10);

    Replay raw = Replay.of(rule(drift(DriftSide.BOTH, 4, 1, 0, true))).feed(withSpike);
    Replay smoothed = Replay.of(rule(drift(DriftSide.BOTH, 4, 5, 0, true))).feed(withSpike);

    assertThat(raw.kinds()).startsWith(Decision.Kind.OPEN);
    assertThat(smoothed.decisions()).isEmpty();
  }

  @Test
  void aSpreadFloorKeepsAFlatSeriesFromFiringOnATinyChange() {
    Reading[] flatThenNudge = Series.of(T0, MINUTE, 40, i -> i < 30 ? 100 : 100.5);

    Replay noFloor = Replay.of(rule(drift(DriftSide.BOTH, 4, 1, 0, true))).feed(flatThenNudge);
    Replay floor = Replay.of(rule(drift(DriftSide.BOTH, 4, 1, 0.01, true))).feed(flatThenNudge);

    assertThat(noFloor.kinds()).startsWith(Decision.Kind.OPEN);
    assertThat(noFloor.decisions().get(0).evidence().get("deviation")).isEqualTo(1e9);
    assertThat(floor.decisions()).isEmpty();
  }

  @Test
  void freezingKeepsALastingFaultOpenWhereLearningWouldAbsorbIt() {
    Reading[] lastingShift = healthyThen(400, i -> 11.0);

    Replay frozen = Replay.of(rule(drift(DriftSide.BOTH, 4, 1, 0, true))).feed(lastingShift);
    Replay learning = Replay.of(rule(drift(DriftSide.BOTH, 4, 1, 0, false))).feed(lastingShift);

    assertThat(frozen.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(learning.kinds()).containsExactly(Decision.Kind.OPEN, Decision.Kind.CLEAR);
  }

  @Test
  void watchesOnlyTheSideItIsToldTo() {
    Rule down = rule(drift(DriftSide.DOWN, 4, 1, 0, true), THREE_POINTS);

    assertThat(Replay.of(down).feed(healthyThen(70, i -> 11.0)).decisions()).isEmpty();
    Replay falling = Replay.of(down).feed(healthyThen(70, i -> 9.0));
    assertThat(falling.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(falling.decisions().get(0).evidence().get("deviation")).isLessThan(-4);
  }

  @Test
  void clearsOnceBackWithinClearK() {
    Reading[] shiftThenBack = healthyThen(80, i -> i < 70 ? 11.0 : 10.0);

    Replay replay = Replay.of(rule(drift(4), THREE_POINTS)).feed(shiftThenBack);

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN, Decision.Kind.CLEAR);
    Decision clear = replay.decisions().get(1);
    assertThat(clear.at()).isEqualTo(minute(70));
    assertThat(clear.episodeStart()).isEqualTo(minute(60));
    assertThat(clear.summary())
        .startsWith("compressor_temp_c back within 2.0 spreads of its baseline ");
  }

  @Test
  void stateIsSmallAndRoundTrips() {
    RuleState state =
        Replay.of(rule(drift(4), THREE_POINTS)).feed(healthyThen(70, i -> 11)).state();

    byte[] bytes = RuleStates.encode(state);

    assertThat(RuleStates.decode(bytes)).isEqualTo(state);
    assertThat(bytes.length).isLessThanOrEqualTo(64);
  }

  private static double value(Reading reading) {
    return reading.metrics().get(TestData.METRIC);
  }
}
