package dev.forewarn.outreach.outbox;

import jakarta.validation.Valid;
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
 * @param lease how long a claimed message belongs to one dispatcher before another instance may
 *     take it over; renewed every third of it while a provider call is in flight
 * @param giveUpAfter how long after its first provider call a message that keeps failing retryably
 *     is given up
 * @param backoff the wait before the first retry; it doubles with each attempt, with jitter
 * @param maxBackoff the longest wait between two attempts
 * @param workers messages one instance sends at the same time
 * @param breaker when a provider counts as down, and for how long its queue is held
 */
@Validated
@ConfigurationProperties("forewarn.outbox")
public record OutboxProperties(
    @NotNull @DefaultValue("1s") Duration pollInterval,
    @NotNull @DefaultValue("60s") Duration lease,
    @NotNull @DefaultValue("30m") Duration giveUpAfter,
    @NotNull @DefaultValue("2s") Duration backoff,
    @NotNull @DefaultValue("10m") Duration maxBackoff,
    @Min(1) @Max(64) @DefaultValue("4") int workers,
    @NotNull @Valid @DefaultValue Breaker breaker) {

  public OutboxProperties {
    requirePositive("poll-interval", pollInterval);
    requirePositive("lease", lease);
    requirePositive("give-up-after", giveUpAfter);
    requirePositive("backoff", backoff);
    requirePositive("max-backoff", maxBackoff);
  }

  /** The same settings with another lease, e.g. for a second dispatcher in tests. */
  public OutboxProperties withLease(Duration otherLease) {
    return new OutboxProperties(
        pollInterval, otherLease, giveUpAfter, backoff, maxBackoff, workers, breaker);
  }

  private static void requirePositive(String name, Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException("forewarn.outbox." + name + " must be positive: " + value);
    }
  }

  /**
   * The circuit breaker kept per provider ({@code forewarn.outbox.breaker.*}): among the last
   * {@code window} calls that could tell (answers, outages and timeouts, not throttling), once at
   * least {@code minimumCalls} were made and {@code failureRate} percent or more failed for want of
   * the provider, its messages wait {@code openFor} before one probes it again.
   *
   * @param failureRate percentage of failed calls that opens the breaker
   * @param window calls the failure rate is computed over
   * @param minimumCalls calls needed before the rate counts
   * @param openFor how long the queue of a provider that is down waits before one message probes it
   */
  public record Breaker(
      @Min(1) @Max(100) @DefaultValue("50") int failureRate,
      @Min(1) @Max(1000) @DefaultValue("20") int window,
      @Min(1) @Max(1000) @DefaultValue("10") int minimumCalls,
      @NotNull @DefaultValue("30s") Duration openFor) {

    public Breaker {
      requirePositive("breaker.open-for", openFor);
    }
  }
}
