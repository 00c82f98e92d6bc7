package dev.forewarn.outreach.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys and limits of sign-in ({@code forewarn.security.*}). The secrets come from the environment
 * ({@code FOREWARN_SECURITY_LINK_KEY}) or from a file named by it ({@code
 * FOREWARN_SECURITY_LINK_KEY_FILE}); {@link #toString()} never shows them.
 *
 * @param linkKey the HMAC key case links are signed with: at least 32 characters, random
 * @param linkTtl how long a case link in a message stays valid
 * @param scrapeToken the token Prometheus sends to {@code /actuator/prometheus}; unset: only
 *     managers may read it
 * @param signIn the one-time codes customers sign in with
 */
@Validated
@ConfigurationProperties("forewarn.security")
public record SecurityProperties(
    String linkKey,
    @NotNull @DefaultValue("14d") Duration linkTtl,
    String scrapeToken,
    @NotNull @DefaultValue SignIn signIn) {

  static final int MIN_SECRET_LENGTH = 32;

  public SecurityProperties {
    if (linkKey == null || linkKey.isBlank()) {
      throw new IllegalArgumentException(
          "forewarn.security.link-key is required (FOREWARN_SECURITY_LINK_KEY, or a file named by"
              + " FOREWARN_SECURITY_LINK_KEY_FILE): at least "
              + MIN_SECRET_LENGTH
              + " random characters, e.g. from `openssl rand -base64 32`");
    }
    if (linkKey.strip().length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "forewarn.security.link-key must be at least " + MIN_SECRET_LENGTH + " characters");
    }
    if (scrapeToken != null && !scrapeToken.isBlank() && scrapeToken.strip().length() < 24) {
      throw new IllegalArgumentException(
          "forewarn.security.scrape-token must be at least 24 characters");
    }
    if (linkTtl != null && (linkTtl.isNegative() || linkTtl.isZero())) {
      throw new IllegalArgumentException("forewarn.security.link-ttl must be positive");
    }
  }

  public Optional<String> scrape() {
    return scrapeToken == null || scrapeToken.isBlank()
        ? Optional.empty()
        : Optional.of(scrapeToken.strip());
  }

  @Override
  public String toString() {
    return "SecurityProperties[linkKey=(hidden), linkTtl="
        + linkTtl
        + ", scrapeToken="
        + (scrape().isPresent() ? "(hidden)" : "-")
        + ", signIn="
        + signIn
        + "]";
  }

  /**
   * One-time sign-in codes for customers.
   *
   * @param codeTtl how long a code is valid
   * @param maxCodes codes one address may ask for within {@code window}
   * @param window the span {@code maxCodes} counts over
   * @param maxAttempts wrong tries before a code is spent
   */
  public record SignIn(
      @NotNull @DefaultValue("10m") Duration codeTtl,
      @Min(1) @Max(100) @DefaultValue("3") int maxCodes,
      @NotNull @DefaultValue("15m") Duration window,
      @Min(1) @Max(20) @DefaultValue("5") int maxAttempts) {}
}
