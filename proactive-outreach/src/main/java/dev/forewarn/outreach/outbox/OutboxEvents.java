package dev.forewarn.outreach.outbox;

/**
 * What the case thread hears from the outbox. Each call runs inside the transaction that records
 * the outbox change, so a crash can never keep the one without the other (a failed message without
 * its fallback, a sent message without its timeline entry).
 */
public interface OutboxEvents {

  /** The provider accepted the message (or, when reconciled, had accepted it earlier). */
  void sent(ClaimedMessage message, String provider, String providerId, boolean reconciled);

  /** The message will never be delivered on its channel; the case moves on. */
  void undeliverable(OutboxRow message, String reason);

  /** The message waits, e.g. for quiet hours to end. */
  void deferred(ClaimedMessage message, String reason);

  /**
   * The outbox gave up on a message the provider may have accepted (no answer, and no lookup could
   * tell): the case does not move on to another channel on a guess; a delivery report settles it.
   */
  void unconfirmed(ClaimedMessage message, String reason);

  /** The message will not be sent at all, and the case does not move on. */
  void cancelled(ClaimedMessage message, String reason);

  /** The provider reported a delivery state. */
  void delivery(OutboxRow message, String state, String detail);
}
