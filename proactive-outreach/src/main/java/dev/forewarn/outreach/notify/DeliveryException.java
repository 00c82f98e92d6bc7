package dev.forewarn.outreach.notify;

/**
 * A provider did not accept a message. Retryable failures (timeouts, throttling, provider outages)
 * are tried again later; permanent ones (an invalid number, a refused recipient) never succeed by
 * repetition and end the delivery with the reason.
 */
public final class DeliveryException extends Exception {

  private final boolean retryable;

  private DeliveryException(String reason, boolean retryable, Throwable cause) {
    super(reason, cause);
    this.retryable = retryable;
  }

  public static DeliveryException retryable(String reason, Throwable cause) {
    return new DeliveryException(reason, true, cause);
  }

  public static DeliveryException permanent(String reason, Throwable cause) {
    return new DeliveryException(reason, false, cause);
  }

  public boolean retryable() {
    return retryable;
  }
}
