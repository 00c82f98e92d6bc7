package dev.forewarn.outreach.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider did not accept a message. Retryable failures (timeouts, throttling, provider outages)
 * are tried again later; permanent ones (an invalid number, an unsubscribed recipient, a refused
 * address) never succeed by repetition and move the case to its next channel. A failure without an
 * answer (a timeout) may hide an accepted message: it is marked {@link #maybeAccepted()}, and the
 * next attempt asks the provider before sending again.
 */
public final class DeliveryException extends Exception {

  private final boolean retryable;
  private final boolean maybeAccepted;
  private final boolean throttled;
  private final Duration retryAfter;

  private DeliveryException(
      String reason,
      boolean retryable,
      boolean maybeAccepted,
      boolean throttled,
      Duration retryAfter,
      Throwable cause) {
    super(reason, cause);
    this.retryable = retryable;
    this.maybeAccepted = maybeAccepted;
    this.throttled = throttled;
    this.retryAfter = retryAfter;
  }

  /** The provider answered and refused for now (5xx, an outage). */
  public static DeliveryException retryable(String reason, Throwable cause) {
    return new DeliveryException(reason, true, false, false, null, cause);
  }

  /**
   * The provider asked us to slow down (HTTP 429), optionally saying for how long: the message was
   * not sent, the provider is up, and the call does not count as an attempt.
   */
  public static DeliveryException throttled(String reason, Duration retryAfter, Throwable cause) {
    return new DeliveryException(reason, true, false, true, retryAfter, cause);
  }

  /**
   * A retryable failure for which the provider said how long to wait (for example an HTTP {@code
   * Retry-After}); the outbox waits at least that long, within its longest backoff.
   */
  public static DeliveryException retryableAfter(
      String reason, Duration retryAfter, Throwable cause) {
    return new DeliveryException(reason, true, false, false, retryAfter, cause);
  }

  /** No answer: the provider may or may not have accepted the message. */
  public static DeliveryException unanswered(String reason, Throwable cause) {
    return new DeliveryException(reason, true, true, false, null, cause);
  }

  public static DeliveryException permanent(String reason, Throwable cause) {
    return new DeliveryException(reason, false, false, false, null, cause);
  }

  public boolean retryable() {
    return retryable;
  }

  public boolean maybeAccepted() {
    return maybeAccepted;
  }

  /**
   * Whether the provider throttled the call: it spends no attempt and says nothing of an outage.
   */
  public boolean throttled() {
    return throttled;
  }

  /** The provider's own hint for the next attempt, when it gave one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
