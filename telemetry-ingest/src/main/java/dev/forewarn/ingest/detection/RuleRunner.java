package dev.forewarn.ingest.detection;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.RuleClock;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.lifecycle.LifecycleState;
import dev.forewarn.rules.reading.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one rule for the current device, on a reading or on the passing of event time, through
 * {@link RuleClock} (the order the backtester uses too), and asks for a wakeup at the rule's next
 * {@link Evaluators#deadline deadline}, so that a silence is noticed without a reading.
 *
 * <p>An exception while one rule evaluates one reading (or lets time pass) costs that reading for
 * that rule only: the device's state under the rule stays as it was, the failure is counted ({@code
 * evaluation_failures}) and handed to {@link Failures} with the reason, and the other rules, the
 * other devices and the job go on. Failing the job instead would replay the same reading after
 * every restart, forever.
 */
final class RuleRunner {

  private static final Logger LOG = LoggerFactory.getLogger(RuleRunner.class);

  private final DeviceRuleStates states;
  private final Counter caseEvents;
  private final Counter failures;

  RuleRunner(DeviceRuleStates states, Counter caseEvents, Counter failures) {
    this.states = states;
    this.caseEvents = caseEvents;
    this.failures = failures;
  }

  /** Evaluates a reading; returns whether it was not newer than the last one the rule saw. */
  boolean onReading(
      Rule rule, Reading reading, Wakeup wakeup, Collector<CaseEvent> out, Failures failed)
      throws Exception {
    DeviceRuleStates.Stored stored = states.load(rule.id(), reading.deviceId());
    if (stored != null && stored.staleFor(rule.version())) {
      replaced(rule, stored, reading.deviceId(), reading.ts(), out);
      stored = null;
    }
    RuleState previous = stored == null ? null : stored.state();
    RuleClock.Result result;
    List<CaseEvent> events;
    try {
      result = RuleClock.reading(rule, previous, reading);
      events = events(reading.deviceId(), result);
    } catch (RuntimeException e) {
      failures.inc();
      failed.on(rule, reading.deviceId(), reading, "evaluation failed: " + describe(e));
      return false;
    }
    finish(rule, reading.deviceId(), stored, result, events, wakeup, out);
    return DeviceRuleStates.notNewer(previous, reading);
  }

  /** Lets event time pass up to {@code now} for a device the rule has seen. */
  void onTime(
      Rule rule,
      String deviceId,
      Instant now,
      Wakeup wakeup,
      Collector<CaseEvent> out,
      Failures failed)
      throws Exception {
    DeviceRuleStates.Stored stored = states.load(rule.id(), deviceId);
    if (stored == null) {
      return;
    }
    if (stored.staleFor(rule.version())) {
      replaced(rule, stored, deviceId, now, out);
      return;
    }
    RuleClock.Result result;
    List<CaseEvent> events;
    try {
      result = RuleClock.until(rule, stored.state(), now);
      events = events(deviceId, result);
    } catch (RuntimeException e) {
      failures.inc();
      failed.on(rule, deviceId, null, "letting time pass to " + now + " failed: " + describe(e));
      return;
    }
    finish(rule, deviceId, stored, result, events, wakeup, out);
  }

  /** Drops a state made under an older version of the rule, closing its open case. */
  private void replaced(
      Rule rule,
      DeviceRuleStates.Stored stored,
      String deviceId,
      Instant at,
      Collector<CaseEvent> out)
      throws Exception {
    String why =
        "rule "
            + rule.id()
            + " version "
            + stored.version()
            + " replaced by version "
            + rule.version();
    supersede(rule.id(), stored, deviceId, at, why, out);
  }

  /**
   * Drops the device's state under a rule; when it held an open case, closes that case with a
   * {@link CaseEvent.Type#SUPERSEDED} event, so no case stays open with nothing left to clear it.
   *
   * @param stored the state being dropped
   * @param at event time of the drop
   * @param why what made the state go, as the event's summary
   */
  void supersede(
      String ruleId,
      DeviceRuleStates.Stored stored,
      String deviceId,
      Instant at,
      String why,
      Collector<CaseEvent> out)
      throws Exception {
    states.remove(ruleId);
    LifecycleState lifecycle = stored.state().lifecycle();
    if (!lifecycle.open()) {
      return;
    }
    Severity severity =
        lifecycle.openSeverity() == null ? Severity.WARNING : lifecycle.openSeverity();
    CaseEvent event =
        CaseEvent.superseded(
            deviceId,
            ruleId,
            Math.max(0, stored.version()),
            severity,
            at,
            lifecycle.openSince(),
            why);
    caseEvents.inc();
    LOG.info(
        "case {} device={} rule={} version={} event={}: {}",
        event.type(),
        deviceId,
        ruleId,
        event.ruleVersion(),
        event.eventId(),
        why);
    out.collect(event);
  }

  private static List<CaseEvent> events(String deviceId, RuleClock.Result result) {
    List<CaseEvent> events = new ArrayList<>();
    for (Decision decision : result.decisions()) {
      events.add(CaseEvent.of(deviceId, decision));
    }
    return events;
  }

  private static String describe(RuntimeException e) {
    return e.getMessage() == null
        ? e.toString()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private void finish(
      Rule rule,
      String deviceId,
      DeviceRuleStates.Stored previous,
      RuleClock.Result result,
      List<CaseEvent> events,
      Wakeup wakeup,
      Collector<CaseEvent> out)
      throws Exception {
    states.store(rule.id(), rule.version(), previous, result.state());
    for (CaseEvent event : events) {
      caseEvents.inc();
      LOG.info(
          "case {} device={} rule={} version={} event={}",
          event.type(),
          event.deviceId(),
          event.ruleId(),
          event.ruleVersion(),
          event.eventId());
      out.collect(event);
    }
    Optional<Instant> deadline;
    try {
      deadline = Evaluators.deadline(rule, result.state());
    } catch (RuntimeException e) {
      deadline = Optional.empty(); // the next reading finds out what is wrong
    }
    if (deadline.isPresent()) {
      wakeup.at(deadline.get());
    }
  }

  /** Where a rule's failure on one reading (or on the passing of time) goes. */
  interface Failures {
    /**
     * @param reading the reading the rule failed on, or null when time was passing
     * @param reason what failed, without the rule's name
     */
    void on(Rule rule, String deviceId, Reading reading, String reason);
  }

  /** Where a rule asks to be woken when event time reaches an instant. */
  interface Wakeup {
    void at(Instant instant) throws Exception;
  }
}
