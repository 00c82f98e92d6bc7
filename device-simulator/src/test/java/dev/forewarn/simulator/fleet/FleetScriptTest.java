package dev.forewarn.simulator.fleet;

import static dev.forewarn.simulator.fleet.Fleets.FAILURE_LEVEL;
import static dev.forewarn.simulator.fleet.Fleets.T0;
import static dev.forewarn.simulator.fleet.Fleets.T0_PLUS_30M;
import static dev.forewarn.simulator.fleet.Fleets.play;
import static dev.forewarn.simulator.fleet.Fleets.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class FleetScriptTest {

  private static final FleetSettings THREE_DEVICES = Fleets.settings(3, 1, 1, 0, Fleets.SEED);
  private static final Pace TEN_PER_SECOND = Fleets.realTime(10, 6);

  private static List<Reading> readings(List<Outgoing> messages) {
    return telemetry(messages).stream().map(Outgoing.Telemetry::reading).toList();
  }

  @Test
  void sameSettingsPlayExactlyTheSameMessages() {
    Impairments impairments = new Impairments(0.3, 0.1, 0.1, 0.1);

    assertThat(play(THREE_DEVICES, TEN_PER_SECOND, impairments))
        .hasSize(play(THREE_DEVICES, TEN_PER_SECOND, impairments).size())
        .isEqualTo(play(THREE_DEVICES, TEN_PER_SECOND, impairments));
  }

  @Test
  void anotherSeedPlaysOtherValues() {
    FleetSettings otherSeed = Fleets.settings(3, 1, 1, 0, Fleets.SEED + 1);
    Impairments noise = new Impairments(0.3, 0, 0, 0);

    assertThat(readings(play(otherSeed, TEN_PER_SECOND, noise)))
        .isNotEqualTo(readings(play(THREE_DEVICES, TEN_PER_SECOND, noise)));
  }

  @Test
  void slotsTakeTurnsOverDevicesWithEachSeqCountingUpFromZero() {
    List<Reading> readings = readings(play(THREE_DEVICES, TEN_PER_SECOND, Impairments.none()));

    assertThat(readings).hasSize(60);
    for (int m = 0; m < readings.size(); m++) {
      assertThat(readings.get(m).deviceId()).isEqualTo(String.format("sim-%04d", m % 3 + 1));
      assertThat(readings.get(m).seq()).isEqualTo(m / 3);
    }
  }

  @Test
  void eventTimeIsTheSimulatedClockAndDueTimeTheWallClock() {
    Pace fastForward = new Pace(10, Duration.ofSeconds(2), 0, 60, T0);

    List<Outgoing.Telemetry> messages =
        telemetry(play(THREE_DEVICES, fastForward, Impairments.none()));

    Outgoing.Telemetry slot7 = messages.get(7);
    assertThat(slot7.dueNanos()).isEqualTo(700_000_000L);
    assertThat(slot7.reading().ts()).isEqualTo(T0.plusSeconds(42));
    assertThat(fastForward.sampleIntervalSeconds(3)).isEqualTo(18.0);
  }

  @Test
  void readingLimitEndsTheRunBeforeTheDuration() {
    Pace limited = new Pace(10, Duration.ofSeconds(60), 4, 1, T0);

    assertThat(readings(play(THREE_DEVICES, limited, Impairments.none()))).hasSize(12);
  }

  @Test
  void noisyReadingAtTheFailureTimeIsWithinThreeDeviationsOfTheFailureLevel() {
    Impairments noise = new Impairments(0.5, 0, 0, 0);

    List<Reading> readings =
        readings(play(Fleets.oneDegradingAt30Minutes(), Fleets.minutePerSecond(40), noise));

    Reading atFailure = readings.get(30);
    assertThat(atFailure.ts()).isEqualTo(T0_PLUS_30M);
    assertThat(atFailure.metric(DeviceProfile.TEMPERATURE).orElseThrow())
        .isCloseTo(FAILURE_LEVEL, within(3 * 0.5 + 0.005));
    assertThat(readings.get(0).metric(DeviceProfile.TEMPERATURE).orElseThrow()).isLessThan(71.5);
  }

  @Test
  void duplicatesRepeatTheSameReadingWithTheSameSeq() {
    List<Reading> readings =
        readings(play(THREE_DEVICES, TEN_PER_SECOND, new Impairments(0.3, 0, 1, 0)));

    assertThat(readings).hasSize(120);
    for (int i = 0; i < readings.size(); i += 2) {
      assertThat(readings.get(i + 1)).isEqualTo(readings.get(i));
    }
  }

  @Test
  void lateReadingsArriveAfterANewerOneAndNoneIsLost() {
    List<Reading> clean =
        readings(play(THREE_DEVICES, TEN_PER_SECOND, new Impairments(0.3, 0, 0, 0)));
    List<Reading> shuffled =
        readings(play(THREE_DEVICES, TEN_PER_SECOND, new Impairments(0.3, 0, 0, 0.3)));

    assertThat(shuffled).containsExactlyInAnyOrderElementsOf(clean).isNotEqualTo(clean);
    Map<String, Long> lastSeq = new HashMap<>();
    long late = 0;
    for (Reading reading : shuffled) {
      Long last = lastSeq.put(reading.deviceId(), reading.seq());
      if (last != null && reading.seq() < last) {
        late++;
      }
    }
    assertThat(late).isPositive();
  }

  @Test
  void everyReadingIsLateAndStillDeliveredWhenTheRateIsOne() {
    List<Reading> clean = readings(play(THREE_DEVICES, TEN_PER_SECOND, Impairments.none()));

    assertThat(readings(play(THREE_DEVICES, TEN_PER_SECOND, new Impairments(0, 0, 0, 1))))
        .containsExactlyInAnyOrderElementsOf(clean);
  }

  @Test
  void gapsSkipSeqsAndLeaveTheOtherReadingsUnchanged() {
    List<Reading> clean =
        readings(play(THREE_DEVICES, TEN_PER_SECOND, new Impairments(0.3, 0, 0, 0)));
    List<Reading> gappy =
        readings(play(THREE_DEVICES, TEN_PER_SECOND, new Impairments(0.3, 0.3, 0, 0)));

    assertThat(gappy).hasSizeLessThan(clean.size()).isNotEmpty();
    assertThat(clean).containsAll(gappy);
  }

  @Test
  void offlineDeviceIsAnnouncedOnceAndSendsNothingAfterwards() {
    FleetSettings oneGoesOffline = Fleets.settings(3, 0, 0, 1, Fleets.SEED);
    List<DeviceProfile> fleet = FleetPlan.plan(oneGoesOffline, TEN_PER_SECOND);
    DeviceProfile leaving =
        fleet.stream().filter(d -> d.offlineAt().isPresent()).findFirst().orElseThrow();

    List<Outgoing> messages = play(oneGoesOffline, TEN_PER_SECOND, Impairments.none());

    assertThat(messages.stream().filter(Outgoing.Offline.class::isInstance).toList())
        .singleElement()
        .extracting(Outgoing::deviceId)
        .isEqualTo(leaving.deviceId());
    assertThat(readings(messages))
        .filteredOn(r -> Objects.equals(r.deviceId(), leaving.deviceId()))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.ts()).isBefore(leaving.offlineAt().orElseThrow()));
  }
}
