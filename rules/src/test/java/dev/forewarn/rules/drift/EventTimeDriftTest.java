package dev.forewarn.rules.drift;

import static dev.forewarn.rules.TestData.METRIC;
import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.forewarn.rules.Replay;
import dev.forewarn.rules.Series;
import dev.forewarn.rules.TestData;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Baseline drift learning in event time: seasonal centres, first differences, time weights. */
class EventTimeDriftTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Instant MIDNIGHT = Instant.parse("2026-11-23T00:00:00Z");

  private static BaselineDriftCondition timed(
      double k, Duration halfLife, Duration warmup, DriftInput input, Seasonality seasonality) {
    return new BaselineDriftCondition(
        METRIC,
        DriftSide.BOTH,
        k,
        k / 2,
        100,
        2,
        warmup,
        1,
        0,
        0,
        true,
        input,
        halfLife,
        null,
        null,
        seasonality);
  }

  private static Seasonality daily(ZoneId zone) {
    return new Seasonality(Duration.ofDays(1), HOUR, zone);
  }

  /** Busy (100) from 08:00 to 17:59, quiet (10) otherwise, with a little noise; hourly. */
  private static double office(int hour) {
    int h = hour % 24;
    return (h >= 8 && h < 18 ? 100 : 10) + Series.wobble(hour);
  }

  private static Reading[] officeWeekThenBusyNight() {
    // Five days of the daily rhythm, then 03:00 on day six as busy as a working hour.
    return Series.of(MIDNIGHT, HOUR, 5 * 24 + 4, h -> h == 5 * 24 + 3 ? 100 : office(h));
  }

  @Test
  void aSeasonalCentreSeesALevelThatIsNormalAtAnotherHour() {
    Rule seasonal =
        rule(
            timed(
                4,
                Duration.ofDays(7),
                Duration.ofDays(2),
                DriftInput.VALUE,
                daily(ZoneOffset.UTC)));
    Rule plain = rule(timed(4, Duration.ofDays(7), Duration.ofDays(2), DriftInput.VALUE, null));

    Replay withSeason = Replay.storingStateAsBytes(seasonal).feed(officeWeekThenBusyNight());
    Replay without = Replay.of(plain).feed(officeWeekThenBusyNight());

    assertThat(withSeason.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(withSeason.decisions().get(0).at()).isEqualTo(MIDNIGHT.plus(HOUR.multipliedBy(123)));
    assertThat(withSeason.decisions().get(0).evidence().get("bucket")).isEqualTo(3.0);
    assertThat(withSeason.decisions().get(0).evidence().get("baseline")).isCloseTo(10, within(1.0));
    assertThat(without.decisions()).isEmpty();
  }

  @Test
  void bucketsFollowTheWallClockOfTheZone() {
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    Seasonality seasonality = daily(tokyo);

    assertThat(seasonality.bucketOf(Instant.parse("2026-11-23T00:30:00Z"))).isEqualTo(9);
    assertThat(daily(ZoneOffset.UTC).bucketOf(Instant.parse("2026-11-23T00:30:00Z"))).isZero();
    assertThat(new Seasonality(Duration.ofDays(7), HOUR, ZoneOffset.UTC).buckets()).isEqualTo(168);
  }

  @Test
  void theFirstVisitOfABucketOnlyGivesItACentre() {
    Rule rule =
        rule(timed(4, Duration.ofDays(7), Duration.ZERO, DriftInput.VALUE, daily(ZoneOffset.UTC)));

    Replay day = Replay.of(rule).feed(Series.of(MIDNIGHT, HOUR, 24, h -> h == 23 ? 1e6 : h));

    DriftState state = (DriftState) day.state().condition();
    assertThat(day.decisions()).isEmpty();
    assertThat(state.baseline().count()).isZero();
    for (int b = 0; b < 24; b++) {
      assertThat(state.centres().count(b)).isEqualTo(1);
    }
    assertThat(state.centres().centre(23)).isEqualTo(1e6);
  }

  @Test
  void aDeltaInputSeesAStepThatStaysInsideTheNormalRange() {
    // A slow wave between 0 and 100, then a jump of 40 that lands inside that range.
    Reading[] readings =
        Series.of(
            T0,
            Duration.ofMinutes(5),
            600,
            i -> 50 + 50 * Math.sin(2 * Math.PI * i / 200) + (i == 500 ? 40 : 0));
    BaselineDriftCondition step =
        new BaselineDriftCondition(
            METRIC,
            DriftSide.BOTH,
            6,
            3,
            100,
            2,
            Duration.ofHours(1),
            1,
            0,
            0,
            false,
            DriftInput.DELTA,
            Duration.ofDays(7),
            null,
            null,
            null);
    BaselineDriftCondition level =
        timed(4, Duration.ofDays(7), Duration.ofDays(1), DriftInput.VALUE, null);

    Replay delta = Replay.storingStateAsBytes(rule(step)).feed(readings);
    Replay value = Replay.of(rule(level)).feed(readings);

    assertThat(delta.decisions()).isNotEmpty();
    assertThat(delta.decisions().get(0).at()).isEqualTo(T0.plus(Duration.ofMinutes(5 * 500)));
    assertThat(delta.decisions().get(0).evidence().get("value")).isCloseTo(40, within(1.6));
    assertThat(value.decisions()).isEmpty();
  }

  @Test
  void aReadingWeighsByTheTimeSinceThePreviousOne() {
    // Half-life one hour: a reading an hour after the previous one weighs 1/2, five minutes
    // after it 1 − 2^(−1/12) ≈ 0.056 (once 1/n is smaller).
    BaselineDriftCondition drift = timed(1e6, HOUR, Duration.ofDays(365), DriftInput.VALUE, null);
    Reading[] flat = Series.of(T0, Duration.ofMinutes(5), 40, i -> 0);
    Instant last = T0.plus(Duration.ofMinutes(5 * 39));

    Replay slow = Replay.of(rule(drift)).feed(flat).feed(TestData.reading(last.plus(HOUR), 10));
    Replay fast =
        Replay.of(rule(drift)).feed(flat).feed(TestData.reading(last.plusSeconds(300), 10));

    assertThat(((DriftState) slow.state().condition()).centres().centre(0))
        .isCloseTo(5, within(1e-9));
    assertThat(((DriftState) fast.state().condition()).centres().centre(0))
        .isCloseTo(10 * (1 - Math.pow(2, -1.0 / 12)), within(1e-9));
  }

  @Test
  void freezingKeepsTheBaselineThroughTheBreach() {
    BaselineDriftCondition drift =
        timed(4, Duration.ofHours(2), Duration.ofHours(1), DriftInput.VALUE, null);
    Reading[] readings =
        Series.of(T0, Duration.ofMinutes(5), 60, i -> i < 30 ? 10 + 0.1 * Series.wobble(i) : 50);

    Replay replay = Replay.of(rule(drift)).feed(readings);

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(((DriftState) replay.state().condition()).centres().centre(0))
        .isCloseTo(10, within(0.2));
  }
}
