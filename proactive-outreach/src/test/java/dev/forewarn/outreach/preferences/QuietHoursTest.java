package dev.forewarn.outreach.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.document.Severity;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final QuietHours NIGHT =
      new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), true);

  @Test
  void messageAtElevenInTheEveningLocalTimeWaitsUntilSevenTheNextMorning() {
    Instant elevenPmSeoul = Instant.parse("2026-11-22T14:00:00Z");

    assertThat(NIGHT.deferUntil(elevenPmSeoul, SEOUL, Severity.WARNING))
        .contains(Instant.parse("2026-11-22T22:00:00Z"));
  }

  @Test
  void messageAfterMidnightWaitsUntilSevenTheSameMorning() {
    Instant threeAmSeoul = Instant.parse("2026-11-22T18:00:00Z");

    assertThat(NIGHT.deferUntil(threeAmSeoul, SEOUL, Severity.INFO))
        .contains(Instant.parse("2026-11-22T22:00:00Z"));
  }

  @Test
  void daytimeMessagesAndCriticalOnesWhenAllowedLeaveAtOnce() {
    Instant noonSeoul = Instant.parse("2026-11-22T03:00:00Z");
    Instant elevenPmSeoul = Instant.parse("2026-11-22T14:00:00Z");
    QuietHours strict = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), false);

    assertThat(NIGHT.deferUntil(noonSeoul, SEOUL, Severity.WARNING)).isEmpty();
    assertThat(NIGHT.deferUntil(elevenPmSeoul, SEOUL, Severity.CRITICAL)).isEmpty();
    assertThat(strict.deferUntil(elevenPmSeoul, SEOUL, Severity.CRITICAL)).isPresent();
  }

  @Test
  void windowWithinOneDayEndsThatDay() {
    QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30), false);
    Instant halfPastTwelveUtc = Instant.parse("2026-11-22T12:30:00Z");

    assertThat(lunch.deferUntil(halfPastTwelveUtc, ZoneId.of("UTC"), Severity.INFO))
        .contains(Instant.parse("2026-11-22T13:30:00Z"));
    assertThat(
            lunch.deferUntil(
                Instant.parse("2026-11-22T13:30:00Z"), ZoneId.of("UTC"), Severity.INFO))
        .isEmpty();
  }
}
