package dev.forewarn.outreach.outbox;

import dev.forewarn.outreach.notify.Channel;
import dev.forewarn.outreach.notify.Channels;
import dev.forewarn.outreach.notify.DeliveryException;
import dev.forewarn.outreach.notify.Masking;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends due outbox messages one at a time: claim (short transaction), call the provider (no
 * transaction open), record the outcome. Any number of dispatchers, in one JVM or many, may run
 * over the same table; the claim makes sure each message is in one dispatcher's hands at a time.
 */
@Component
public class OutboxDispatcher {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final OutboxRepository outbox;
  private final Channels channels;
  private final OutboxProperties properties;
  private final Backoff backoff;

  public OutboxDispatcher(OutboxRepository outbox, Channels channels, OutboxProperties properties) {
    this.outbox = outbox;
    this.channels = channels;
    this.properties = properties;
    this.backoff = new Backoff(properties.backoff(), properties.maxBackoff());
  }

  /**
   * Delivers every message that is due now.
   *
   * @return how many messages it handled, whatever their outcome
   */
  public int sendDue() {
    int handled = 0;
    while (sendOne()) {
      handled++;
    }
    return handled;
  }

  /**
   * Claims and delivers one due message.
   *
   * @return false when nothing was due
   */
  boolean sendOne() {
    Optional<ClaimedMessage> next = outbox.claimNext(properties.lease());
    next.ifPresent(this::deliver);
    return next.isPresent();
  }

  private void deliver(ClaimedMessage message) {
    Channel channel = channels.of(message.channel());
    try {
      String providerId = channel.send(message.outgoing());
      boolean recorded = outbox.markSent(message, channel.provider(), providerId);
      log.info(
          "sent outbox_id={} case_id={} channel={} to={} provider={} provider_id={} attempt={}",
          message.id(),
          message.caseId(),
          message.channel().code(),
          Masking.address(message.recipient()),
          channel.provider(),
          providerId,
          message.attempts());
      warnIfLeaseLost(recorded, message);
    } catch (DeliveryException e) {
      failed(message, channel, e);
    } catch (RuntimeException e) {
      // A fault in a channel is not the customer's: treat it like a provider outage.
      failed(message, channel, DeliveryException.retryable("unexpected: " + e, e));
    }
  }

  private void failed(ClaimedMessage message, Channel channel, DeliveryException e) {
    boolean retry = e.retryable() && message.attempts() < properties.maxAttempts();
    if (retry) {
      Duration delay = backoff.after(message.attempts(), e.retryAfter());
      warnIfLeaseLost(
          outbox.scheduleRetry(message, channel.provider(), delay, e.getMessage()), message);
      log.warn(
          "retrying outbox_id={} case_id={} channel={} to={} attempt={} retry_in={} reason={}",
          message.id(),
          message.caseId(),
          message.channel().code(),
          Masking.address(message.recipient()),
          message.attempts(),
          delay,
          e.getMessage());
      return;
    }
    String reason =
        e.retryable()
            ? "gave up after " + message.attempts() + " attempts: " + e.getMessage()
            : e.getMessage();
    warnIfLeaseLost(outbox.markFailed(message, channel.provider(), reason), message);
    log.warn(
        "failed outbox_id={} case_id={} channel={} to={} attempt={} reason={}",
        message.id(),
        message.caseId(),
        message.channel().code(),
        Masking.address(message.recipient()),
        message.attempts(),
        reason);
  }

  private static void warnIfLeaseLost(boolean recorded, ClaimedMessage message) {
    if (!recorded) {
      log.warn(
          "lease lost outbox_id={} case_id={}: another dispatcher took the message over; raise"
              + " forewarn.outbox.lease above the longest provider call",
          message.id(),
          message.caseId());
    }
  }
}
