package dev.forewarn.outreach.outbox;

import dev.forewarn.outreach.notify.Channel;
import dev.forewarn.outreach.notify.Channels;
import dev.forewarn.outreach.notify.DeliveryException;
import dev.forewarn.outreach.notify.Masking;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due outbox messages one at a time: claim (short transaction), look a message whose earlier
 * attempt may have reached the provider up there, check the gate, call the provider (no transaction
 * open, the lease kept while the call lasts), record the outcome together with what it means for
 * the case. Any number of dispatchers, in one JVM or many, may run over the same table; the claim
 * makes sure each message is in one dispatcher's hands at a time. A provider whose breaker is open
 * is not called: its messages wait.
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
  private final LeaseKeeper leases;
  private final ProviderBreakers breakers;
  private final Backoff backoff;

  OutboxDispatcher(
      OutboxRepository outbox,
      Channels channels,
      OutboxProperties properties,
      OutboxGate gate,
      OutboxEvents events,
      TransactionTemplate tx,
      LeaseKeeper leases,
      ProviderBreakers breakers) {
    this.outbox = outbox;
    this.channels = channels;
    this.properties = properties;
    this.gate = gate;
    this.events = events;
    this.tx = tx;
    this.leases = leases;
    this.breakers = breakers;
    this.backoff = new Backoff(properties.backoff(), properties.maxBackoff());
  }

  /** The same dispatcher with other channels, e.g. to run a second one side by side in tests. */
  public OutboxDispatcher with(Channels other, OutboxProperties otherProperties) {
    return new OutboxDispatcher(outbox, other, otherProperties, gate, events, tx, leases, breakers);
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
    Channel channel = channels.of(message.channel());
    ProviderCall call = new ProviderCall(breakers.of(channel.provider()));
    boolean lookingUp = false;
    try (LeaseKeeper.Held held = leases.hold(message)) {
      if (message.inDoubt()) {
        // Before anything else, the gate included: the customer may already have it.
        if (!call.permitted()) {
          holdWhileDown(message, channel);
          return;
        }
        lookingUp = true;
        Optional<String> earlier = reconcile(message, channel);
        lookingUp = false;
        call.succeeded();
        if (earlier.isPresent()) {
          recordSent(message, channel, earlier.get(), true);
          return;
        }
      }
      GateDecision decision = tx.execute(status -> applyGate(message));
      if (decision.verdict() != GateDecision.Verdict.SEND) {
        return;
      }
      if (!call.permitted()) {
        holdWhileDown(message, channel);
        return;
      }
      String providerId = channel.send(message.outgoing());
      call.succeeded();
      recordSent(message, channel, providerId, false);
    } catch (DeliveryException e) {
      call.failed(e);
      failed(message, channel, e, lookingUp);
    } catch (RuntimeException e) {
      // A fault in a channel is not the customer's: treat it like a call that got no answer.
      DeliveryException unanswered = DeliveryException.unanswered("unexpected: " + e, e);
      call.failed(unanswered);
      failed(message, channel, unanswered, lookingUp);
    } finally {
      call.release();
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
    boolean byCallback = !recorded && outbox.recordedAs(message, providerId);
    log.info(
        "sent outbox_id={} case_id={} channel={} to={} provider={} provider_id={} attempt={}"
            + " reconciled={}{}",
        message.id(),
        message.caseLabel(),
        message.channel().code(),
        Masking.address(message.recipient()),
        channel.provider(),
        providerId,
        message.attempts(),
        reconciled,
        byCallback ? " (a status callback recorded it first)" : "");
    warnIfLeaseLost(recorded || byCallback, message);
  }

  /** The provider's breaker is open: the message waits without a call, within its deadline. */
  private void holdWhileDown(ClaimedMessage message, Channel channel) {
    String reason = "not sent: " + channel.provider() + " is unavailable (circuit breaker open)";
    if (!Instant.now().isBefore(deadline(message))) {
      give(message, channel, reason, message.inDoubt());
      return;
    }
    warnIfLeaseLost(
        outbox.scheduleRetry(
            message, channel.provider(), breakers.openFor(), null, message.inDoubt(), true),
        message);
  }

  /**
   * A retryable failure waits for its next attempt until the deadline has passed; a throttled call
   * or a failed lookup spends no attempt. Past the deadline, or for a permanent refusal, the
   * message is given up: FAILED, or UNCONFIRMED when the provider may have taken it.
   */
  private void failed(
      ClaimedMessage message, Channel channel, DeliveryException e, boolean lookingUp) {
    String error = Masking.text(e.getMessage());
    Instant now = Instant.now();
    Instant deadline = deadline(message);
    if (e.retryable() && now.isBefore(deadline)) {
      boolean spentNoAttempt = lookingUp || e.throttled();
      int attempts = message.attempts() - (spentNoAttempt ? 1 : 0);
      Duration delay = backoff.after(attempts, e.retryAfter());
      Duration left = Duration.between(now, deadline);
      Duration wait = delay.compareTo(left) > 0 ? left : delay;
      warnIfLeaseLost(
          outbox.scheduleRetry(
              message, channel.provider(), wait, error, e.maybeAccepted(), spentNoAttempt),
          message);
      log.warn(
          "retrying outbox_id={} case_id={} channel={} to={} attempt={} retry_in={} reason={}",
          message.id(),
          message.caseLabel(),
          message.channel().code(),
          Masking.address(message.recipient()),
          message.attempts(),
          wait,
          error);
      return;
    }
    String reason =
        e.retryable()
            ? "gave up after "
                + properties.giveUpAfter()
                + " ("
                + message.attempts()
                + " attempts): "
                + error
            : error;
    give(message, channel, reason, e.retryable() && e.maybeAccepted());
  }

  private void give(ClaimedMessage message, Channel channel, String reason, boolean maybeSent) {
    Boolean recorded =
        tx.execute(
            status -> {
              if (maybeSent) {
                boolean marked = outbox.markUnconfirmed(message, channel.provider(), reason);
                if (marked) {
                  events.unconfirmed(message, reason);
                }
                return marked;
              }
              boolean marked = outbox.markFailed(message, channel.provider(), reason);
              if (marked && aboutCase(message)) {
                events.undeliverable(OutboxRow.of(message), reason);
              }
              return marked;
            });
    warnIfLeaseLost(Boolean.TRUE.equals(recorded), message);
    log.warn(
        "{} outbox_id={} case_id={} channel={} to={} attempt={} reason={}",
        maybeSent ? "unconfirmed" : "failed",
        message.id(),
        message.caseLabel(),
        message.channel().code(),
        Masking.address(message.recipient()),
        message.attempts(),
        reason);
  }

  private Instant deadline(ClaimedMessage message) {
    return message.firstAttemptAt().plus(properties.giveUpAfter());
  }

  /** Only messages about a case move a case thread on; a sign-in code has none. */
  private static boolean aboutCase(ClaimedMessage message) {
    return message.caseId().isPresent();
  }

  private static void warnIfLeaseLost(boolean recorded, ClaimedMessage message) {
    if (!recorded) {
      log.warn(
          "lease lost outbox_id={} case_id={}: another dispatcher recorded the outcome",
          message.id(),
          message.caseLabel());
    }
  }

  /**
   * One attempt's standing with its provider's breaker: the permission it took, and what the
   * provider's answer says about the provider being up.
   */
  private static final class ProviderCall {

    private final CircuitBreaker breaker;
    private boolean acquired;
    private long startedNanos;

    ProviderCall(CircuitBreaker breaker) {
      this.breaker = breaker;
    }

    boolean permitted() {
      if (!acquired) {
        acquired = breaker.tryAcquirePermission();
        startedNanos = System.nanoTime();
      }
      return acquired;
    }

    void succeeded() {
      if (acquired) {
        breaker.onSuccess(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        acquired = false;
      }
    }

    /** Throttling counts neither way; a permanent refusal is an answer, so the provider is up. */
    void failed(DeliveryException e) {
      if (!acquired) {
        return;
      }
      if (e.throttled()) {
        breaker.releasePermission();
      } else if (e.retryable()) {
        breaker.onError(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS, e);
      } else {
        breaker.onSuccess(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
      }
      acquired = false;
    }

    void release() {
      if (acquired) {
        breaker.releasePermission();
        acquired = false;
      }
    }
  }
}
