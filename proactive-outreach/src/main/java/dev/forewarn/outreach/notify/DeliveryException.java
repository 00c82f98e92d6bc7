package dev.forewarn.outreach.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider did not accept a message. Retryable failures (timeouts, throttling, provider outages)
 * are tried again later; permanent ones (an invalid number, a refused recipient) never succeed by
 * repetition and end the delivery with the reason.
 */
public final class DeliveryException extends Exception {

  private final boolean retryable;
  private final Duration retryAfter;

  private DeliveryException(
      String reason, boolean retryable, Duration retryAfter, Throwable cause) {
    super(reason, cause);
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  public static DeliveryException retryable(String reason, Throwable cause) {
    return new DeliveryException(reason, true, null, cause);
  }

  /**
   * A retryable failure for which the provider said how long to wait (for example an HTTP {@code
   * Retry-After}); the outbox waits at least that long, within its longest backoff.
   */
  public static DeliveryException retryableAfter(
      String reason, Duration retryAfter, Throwable cause) {
    return new DeliveryException(reason, true, retryAfter, cause);
  }

  public static DeliveryException permanent(String reason, Throwable cause) {
    return new DeliveryException(reason, false, null, cause);
  }

  public boolean retryable() {
    return retryable;
  }

  /** The provider's own hint for the next attempt, when it gave one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
