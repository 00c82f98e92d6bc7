package dev.forewarn.outreach.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outbox dispatch settings ({@code forewarn.outbox.*}).
 *
 * @param pollInterval longest wait between two looks for due messages when no notification wakes
 *     the dispatcher
 * @param lease how long a claimed message belongs to one dispatcher; must exceed the longest
 *     provider call, after it another instance may take the message over
 * @param maxAttempts provider calls before a message that keeps failing retryably is given up
 * @param backoff the wait before the first retry; it doubles with each attempt, with jitter
 * @param maxBackoff the longest wait between two attempts
 * @param workers messages one instance sends at the same time
 */
@Validated
@ConfigurationProperties("forewarn.outbox")
public record OutboxProperties(
    @NotNull @DefaultValue("1s") Duration pollInterval,
    @NotNull @DefaultValue("60s") Duration lease,
    @Min(1) @Max(100) @DefaultValue("8") int maxAttempts,
    @NotNull @DefaultValue("2s") Duration backoff,
    @NotNull @DefaultValue("10m") Duration maxBackoff,
    @Min(1) @Max(64) @DefaultValue("4") int workers) {

  public OutboxProperties {
    requirePositive("poll-interval", pollInterval);
    requirePositive("lease", lease);
    requirePositive("backoff", backoff);
    requirePositive("max-backoff", maxBackoff);
  }

  private static void requirePositive(String name, Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException("forewarn.outbox." + name + " must be positive: " + value);
    }
  }
}
