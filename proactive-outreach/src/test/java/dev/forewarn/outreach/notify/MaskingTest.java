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

  @Test
  void masksEveryNumberAndAddressInFreeText() {
    assertThat(
            Masking.text(
                "Twilio error 21211 (HTTP 400): The 'To' number +14155550100 is not a valid"
                    + " phone number."))
        .isEqualTo(
            "Twilio error 21211 (HTTP 400): The 'To' number +14*****0100 is not a valid"
                + " phone number.");
    assertThat(
            Masking.text(
                "SMTP refused the recipient: 550 5.1.1 <jane.doe@example.com>: Recipient address"
                    + " rejected; see RFC 5321 for 2 reasons, code 4.2.2 at 10:41"))
        .isEqualTo(
            "SMTP refused the recipient: 550 5.1.1 <j***@example.com>: Recipient address"
                + " rejected; see RFC 5321 for 2 reasons, code 4.2.2 at 10:41");
    assertThat(Masking.text("call 010-1234-5678 or 0412 345 678"))
        .doesNotContain("1234-5678", "345 678");
    assertThat(Masking.text(null)).isNull();
  }
}
