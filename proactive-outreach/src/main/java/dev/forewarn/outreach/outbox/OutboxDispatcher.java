package dev.forewarn.outreach.outbox;

import dev.forewarn.outreach.notify.Channel;
import dev.forewarn.outreach.notify.Channels;
import dev.forewarn.outreach.notify.DeliveryException;
import dev.forewarn.outreach.notify.Masking;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due outbox messages one at a time: claim (short transaction), check the gate, call the
 * provider (no transaction open), record the outcome together with what it means for the case. Any
 * number of dispatchers, in one JVM or many, may run over the same table; the claim makes sure each
 * message is in one dispatcher's hands at a time. A message whose earlier attempt may have reached
 * the provider is looked up there before it is sent again.
 */
@Component
public class OutboxDispatcher {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  /** Provider clocks and ours disagree a little; a lookup reaches back this much further. */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(10);

  private final OutboxRepository outbox;
  private final Channels channels;
  private final OutboxProperties properties;
  private final OutboxGate gate;
  private final OutboxEvents events;
  private final TransactionTemplate tx;
  private final Backoff backoff;

  public OutboxDispatcher(
      OutboxRepository outbox,
      Channels channels,
      OutboxProperties properties,
      OutboxGate gate,
      OutboxEvents events,
      TransactionTemplate tx) {
    this.outbox = outbox;
    this.channels = channels;
    this.properties = properties;
    this.gate = gate;
    this.events = events;
    this.tx = tx;
    this.backoff = new Backoff(properties.backoff(), properties.maxBackoff());
  }

  /** The same dispatcher with other channels, e.g. to run a second one side by side in tests. */
  public OutboxDispatcher with(Channels other, OutboxProperties otherProperties) {
    return new OutboxDispatcher(outbox, other, otherProperties, gate, events, tx);
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
    next.ifPresent(this::handle);
    return next.isPresent();
  }

  private void handle(ClaimedMessage message) {
    GateDecision decision = tx.execute(status -> applyGate(message));
    if (decision.verdict() != GateDecision.Verdict.SEND) {
      return;
    }
    Channel channel = channels.of(message.channel());
    try {
      Optional<String> earlier = reconcile(message, channel);
      if (earlier.isPresent()) {
        recordSent(message, channel, earlier.get(), true);
        return;
      }
      recordSent(message, channel, channel.send(message.outgoing()), false);
    } catch (DeliveryException e) {
      failed(message, channel, e);
    } catch (RuntimeException e) {
      // A fault in a channel is not the customer's: treat it like a call that got no answer.
      failed(message, channel, DeliveryException.unanswered("unexpected: " + e, e));
    }
  }

  private GateDecision applyGate(ClaimedMessage message) {
    GateDecision decision = gate.decide(message);
    switch (decision.verdict()) {
      case DEFER:
        if (outbox.defer(message, decision.until().orElseThrow()) && aboutCase(message)) {
          events.deferred(message, decision.reason());
        }
        break;
      case CANCEL:
        if (outbox.cancel(message, decision.reason()) && aboutCase(message)) {
          if (decision.moveOn()) {
            events.undeliverable(OutboxRow.of(message), decision.reason());
          } else {
            events.cancelled(message, decision.reason());
          }
        }
        log.info(
            "not sent outbox_id={} case_id={} channel={} reason={}",
            message.id(),
            message.caseLabel(),
            message.channel().code(),
            decision.reason());
        break;
      default:
        break;
    }
    return decision;
  }

  /** For a message in doubt: the provider's id of the copy it already accepted, if any. */
  private Optional<String> reconcile(ClaimedMessage message, Channel channel)
      throws DeliveryException {
    if (!message.inDoubt()) {
      return Optional.empty();
    }
    Instant since = message.previousAttemptAt().orElse(Instant.EPOCH).minus(CLOCK_SLACK);
    Optional<String> found = channel.findAccepted(message.outgoing(), since);
    log.info(
        "reconciled outbox_id={} case_id={} channel={} found={}",
        message.id(),
        message.caseLabel(),
        message.channel().code(),
        found.orElse("-"));
    return found;
  }

  private void recordSent(
      ClaimedMessage message, Channel channel, String providerId, boolean reconciled) {
    boolean recorded =
        Boolean.TRUE.equals(
            tx.execute(
                status -> {
                  boolean marked = outbox.markSent(message, channel.provider(), providerId);
                  if (marked && aboutCase(message)) {
                    events.sent(message, channel.provider(), providerId, reconciled);
                  }
                  return marked;
                }));
    log.info(
        "sent outbox_id={} case_id={} channel={} to={} provider={} provider_id={} attempt={}"
            + " reconciled={}",
        message.id(),
        message.caseLabel(),
        message.channel().code(),
        Masking.address(message.recipient()),
        channel.provider(),
        providerId,
        message.attempts(),
        reconciled);
    warnIfLeaseLost(recorded, message);
  }

  private void failed(ClaimedMessage message, Channel channel, DeliveryException e) {
    boolean retry = e.retryable() && message.attempts() < properties.maxAttempts();
    if (retry) {
      Duration delay = backoff.after(message.attempts(), e.retryAfter());
      warnIfLeaseLost(
          outbox.scheduleRetry(
              message, channel.provider(), delay, e.getMessage(), e.maybeAccepted()),
          message);
      log.warn(
          "retrying outbox_id={} case_id={} channel={} to={} attempt={} retry_in={} reason={}",
          message.id(),
          message.caseLabel(),
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
    Boolean recorded =
        tx.execute(
            status -> {
              boolean marked = outbox.markFailed(message, channel.provider(), reason);
              if (marked && aboutCase(message)) {
                events.undeliverable(OutboxRow.of(message), reason);
              }
              return marked;
            });
    warnIfLeaseLost(Boolean.TRUE.equals(recorded), message);
    log.warn(
        "failed outbox_id={} case_id={} channel={} to={} attempt={} reason={}",
        message.id(),
        message.caseLabel(),
        message.channel().code(),
        Masking.address(message.recipient()),
        message.attempts(),
        reason);
  }

  /** Only messages about a case move a case thread on; a sign-in code has none. */
  private static boolean aboutCase(ClaimedMessage message) {
    return message.caseId().isPresent();
  }

  private static void warnIfLeaseLost(boolean recorded, ClaimedMessage message) {
    if (!recorded) {
      log.warn(
          "lease lost outbox_id={} case_id={}: another dispatcher or a status callback recorded"
              + " the outcome; raise forewarn.outbox.lease above the longest provider call",
          message.id(),
          message.caseLabel());
    }
  }
}
