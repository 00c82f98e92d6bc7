package dev.forewarn.outreach.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

  @Test
  void keepsCountryCodeAndLastFourDigitsOfAPhoneNumber() {
    assertThat(Masking.phone("+821012345678")).isEqualTo("+82******5678");
    assertThat(Masking.address("+14155550100")).isEqualTo("+14*****0100");
  }

  @Test
  void keepsFirstLetterAndDomainOfAnEmailAddress() {
    assertThat(Masking.email("jane.doe@example.com")).isEqualTo("j***@example.com");
    assertThat(Masking.address("jane.doe@example.com")).isEqualTo("j***@example.com");
  }

  @Test
  void revealsNothingOfShortOrMalformedAddresses() {
    assertThat(Masking.phone("+1234")).isEqualTo("***");
    assertThat(Masking.email("@example.com")).isEqualTo("***");
    assertThat(Masking.phone(null)).isEqualTo("***");
  }
}
