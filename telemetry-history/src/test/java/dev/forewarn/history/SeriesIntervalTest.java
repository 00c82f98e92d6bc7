package dev.forewarn.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SeriesIntervalTest {

  @Test
  void choosesTheShortestRoundIntervalThatKeepsTheRangeWithinThePoints() {
    assertThat(SeriesInterval.choose(Duration.ofDays(1), 24)).isEqualTo(Duration.ofHours(1));
    assertThat(SeriesInterval.choose(Duration.ofDays(1), 23)).isEqualTo(Duration.ofHours(3));
    assertThat(SeriesInterval.choose(Duration.ofHours(1), 60)).isEqualTo(Duration.ofMinutes(1));
    assertThat(SeriesInterval.choose(Duration.ofHours(1), 500)).isEqualTo(Duration.ofSeconds(10));
    assertThat(SeriesInterval.choose(Duration.ofSeconds(2), 500)).isEqualTo(Duration.ofMillis(10));
    assertThat(SeriesInterval.choose(Duration.ofDays(365), 500)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void rangesBeyondTheLongestStepGetWholeDays() {
    Duration interval = SeriesInterval.choose(Duration.ofDays(365L * 2000), 500);

    assertThat(interval.toDays()).isEqualTo(1460);
    assertThat(SeriesInterval.buckets(Duration.ofDays(365L * 2000), interval))
        .isLessThanOrEqualTo(500);
  }

  @Test
  void aStartedBucketCounts() {
    assertThat(SeriesInterval.buckets(Duration.ofMinutes(61), Duration.ofMinutes(1))).isEqualTo(61);
    assertThat(SeriesInterval.buckets(Duration.ofSeconds(61), Duration.ofMinutes(1))).isEqualTo(2);
  }

  @Test
  void writesInfluxQlDurationLiterals() {
    assertThat(SeriesInterval.literal(Duration.ofMillis(10))).isEqualTo("10ms");
    assertThat(SeriesInterval.literal(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(SeriesInterval.literal(Duration.ofMinutes(15))).isEqualTo("15m");
    assertThat(SeriesInterval.literal(Duration.ofHours(6))).isEqualTo("6h");
    assertThat(SeriesInterval.literal(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(SeriesInterval.literal(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }

  @Test
  void refusesEmptyRangesAndNoPoints() {
    assertThatThrownBy(() -> SeriesInterval.choose(Duration.ZERO, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SeriesInterval.choose(Duration.ofHours(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quotesFieldNamesAsIdentifiers() {
    assertThat(TelemetryHistory.identifier("temp")).isEqualTo("\"temp\"");
    assertThat(TelemetryHistory.identifier("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
  }
}
