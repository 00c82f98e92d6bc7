package dev.forewarn.outreach.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

  @Test
  void gsm7TextFits160InOneSegmentAnd153PerSegmentAfterThat() {
    assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
    assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
  }

  @Test
  void extensionCharactersCountTwice() {
    assertThat(SmsSegments.isGsm7("price: 10€ [approx]")).isTrue();
    assertThat(SmsSegments.units("€")).isEqualTo(2);
    assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
    assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
  }

  @Test
  void koreanTravelsAsUcs2With70And67CharactersPerSegment() {
    assertThat(SmsSegments.isGsm7("점검이 필요합니다")).isFalse();
    assertThat(SmsSegments.count("가".repeat(70))).isEqualTo(1);
    assertThat(SmsSegments.count("가".repeat(71))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(150) + "가")).isEqualTo(3);
  }
}
