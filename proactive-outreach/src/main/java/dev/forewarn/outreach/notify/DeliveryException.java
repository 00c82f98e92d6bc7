package dev.forewarn.outreach.notify;

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

  private DeliveryException(
      String reason, boolean retryable, boolean maybeAccepted, Throwable cause) {
    super(reason, cause);
    this.retryable = retryable;
    this.maybeAccepted = maybeAccepted;
  }

  /** The provider answered and refused for now (429, 5xx). */
  public static DeliveryException retryable(String reason, Throwable cause) {
    return new DeliveryException(reason, true, false, cause);
  }

  /** No answer: the provider may or may not have accepted the message. */
  public static DeliveryException unanswered(String reason, Throwable cause) {
    return new DeliveryException(reason, true, true, cause);
  }

  public static DeliveryException permanent(String reason, Throwable cause) {
    return new DeliveryException(reason, false, false, cause);
  }

  public boolean retryable() {
    return retryable;
  }

  public boolean maybeAccepted() {
    return maybeAccepted;
  }
}
