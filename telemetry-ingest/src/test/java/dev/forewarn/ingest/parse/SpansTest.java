package dev.forewarn.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpansTest {

  @Test
  void aSpanIsShownInTheLargestUnitItFillsRoundedDownWithThousandsSeparators() {
    assertThat(Spans.approximate(Duration.ofSeconds(59))).isEqualTo("59 s");
    assertThat(Spans.approximate(Duration.ofSeconds(359))).isEqualTo("5 min");
    assertThat(Spans.approximate(Duration.ofMinutes(181))).isEqualTo("3 h");
    assertThat(Spans.approximate(Duration.ofHours(24))).isEqualTo("1 day");
    assertThat(Spans.approximate(Duration.ofDays(364))).isEqualTo("364 days");
    assertThat(Spans.approximate(Duration.ofDays(366))).isEqualTo("1 year");
    assertThat(Spans.approximate(Duration.ofSeconds(31_556_952L * 1_000_000)))
        .isEqualTo("1,000,000 years");
  }

  @Test
  void aLimitIsShownExactlyInTheLargestUnitThatDividesIt() {
    assertThat(Spans.exact(Duration.ofMinutes(5))).isEqualTo("5 min");
    assertThat(Spans.exact(Duration.ofSeconds(90))).isEqualTo("90 s");
    assertThat(Spans.exact(Duration.ofDays(7))).isEqualTo("7 days");
    assertThat(Spans.exact(Duration.ofDays(1))).isEqualTo("1 day");
    assertThat(Spans.exact(Duration.ofMinutes(90))).isEqualTo("90 min");
    assertThat(Spans.exact(Duration.ofMillis(1500))).isEqualTo("1,500 ms");
    assertThat(Spans.exact(Duration.ofDays(20_000))).isEqualTo("20,000 days");
  }
}
