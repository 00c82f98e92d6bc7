package dev.forewarn.outreach.security.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LinkTokenSignerTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final Instant T0_PLUS_14D = T0.plusSeconds(14 * 24 * 3600);
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  static final byte[] OTHER_KEY =
      "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);

  final LinkTokenSigner signer = new LinkTokenSigner(KEY);

  @Test
  void aSignedTokenChecksBackToItsClaimsBeforeItExpires() {
    String token = signer.sign(new LinkTokenSigner.Claims(42, 3, T0_PLUS_14D));

    LinkTokenSigner.Check check = signer.check(token, T0);

    assertThat(check)
        .isEqualTo(new LinkTokenSigner.Valid(new LinkTokenSigner.Claims(42, 3, T0_PLUS_14D)));
  }

  @Test
  void theTokenIsShortEnoughForAnSmsAndSafeInAUrlPath() {
    String token = signer.sign(new LinkTokenSigner.Claims(123_456_789, 0, T0_PLUS_14D));

    assertThat(token).hasSizeLessThanOrEqualTo(48).matches("[0-9a-zA-Z._-]+");
  }

  @Test
  void aTokenIsRefusedAsExpiredFromItsExpiryOn() {
    String token = signer.sign(new LinkTokenSigner.Claims(42, 0, T0_PLUS_14D));

    assertThat(signer.check(token, T0_PLUS_14D))
        .isEqualTo(new LinkTokenSigner.Refused(LinkTokenSigner.Refusal.EXPIRED));
    assertThat(signer.check(token, T0_PLUS_14D.minusSeconds(1)))
        .isInstanceOf(LinkTokenSigner.Valid.class);
  }

  @Test
  void changingTheCaseGenerationOrExpiryBreaksTheSignature() {
    String token = signer.sign(new LinkTokenSigner.Claims(42, 0, T0_PLUS_14D));
    String[] parts = token.split("\\.");
    String otherCase = "43." + parts[1] + "." + parts[2] + "." + parts[3];
    String otherGeneration = parts[0] + ".1." + parts[2] + "." + parts[3];
    String longerLife =
        parts[0]
            + "."
            + parts[1]
            + "."
            + Long.toString(T0_PLUS_14D.plusSeconds(86_400).getEpochSecond(), 36)
            + "."
            + parts[3];

    for (String forged : new String[] {otherCase, otherGeneration, longerLife}) {
      assertThat(signer.check(forged, T0))
          .as(forged)
          .isEqualTo(new LinkTokenSigner.Refused(LinkTokenSigner.Refusal.INVALID));
    }
  }

  @Test
  void aChangedMacOrAnotherKeyIsRefused() {
    String token = signer.sign(new LinkTokenSigner.Claims(42, 0, T0_PLUS_14D));
    char last = token.charAt(token.length() - 1);
    String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(signer.check(flipped, T0))
        .isEqualTo(new LinkTokenSigner.Refused(LinkTokenSigner.Refusal.INVALID));
    assertThat(new LinkTokenSigner(OTHER_KEY).check(token, T0))
        .isEqualTo(new LinkTokenSigner.Refused(LinkTokenSigner.Refusal.INVALID));
  }

  @Test
  void anExpiredTokenWithABrokenSignatureIsInvalidNotExpired() {
    String token = signer.sign(new LinkTokenSigner.Claims(42, 0, T0));
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(22);

    assertThat(signer.check(forged, T0_PLUS_14D))
        .isEqualTo(new LinkTokenSigner.Refused(LinkTokenSigner.Refusal.INVALID));
  }

  @Test
  void anythingNotShapedLikeATokenIsInvalid() {
    for (String junk :
        new String[] {
          null,
          "",
          "550e8400-e29b-41d4-a716-446655440000",
          "42.0.abc",
          "42.0.abc.def.ghi",
          "-1.0.abc." + "A".repeat(22),
          "42.0.ABC." + "A".repeat(22),
          "42.0.abc." + "A".repeat(21) + "="
        }) {
      assertThat(signer.check(junk, T0))
          .as("%s", junk)
          .isEqualTo(new LinkTokenSigner.Refused(LinkTokenSigner.Refusal.INVALID));
    }
  }

  @Test
  void aShortKeyIsRefused() {
    assertThatThrownBy(() -> new LinkTokenSigner(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}
