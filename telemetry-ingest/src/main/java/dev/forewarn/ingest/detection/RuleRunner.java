package dev.forewarn.ingest.detection;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.RuleClock;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.reading.Reading;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one rule for the current device, on a reading or on the passing of event time, through
 * {@link RuleClock} (the order the backtester uses too), and asks for a wakeup at the rule's next
 * {@link Evaluators#deadline deadline}, so that a silence is noticed without a reading.
 */
final class RuleRunner {

  private static final Logger LOG = LoggerFactory.getLogger(RuleRunner.class);

  private final DeviceRuleStates states;
  private final Counter caseEvents;

  RuleRunner(DeviceRuleStates states, Counter caseEvents) {
    this.states = states;
    this.caseEvents = caseEvents;
  }

  /** Evaluates a reading; returns whether it was not newer than the last one the rule saw. */
  boolean onReading(Rule rule, Reading reading, Wakeup wakeup, Collector<CaseEvent> out)
      throws Exception {
    RuleState previous = states.load(rule.id(), reading.deviceId());
    RuleClock.Result result = RuleClock.reading(rule, previous, reading);
    finish(rule, reading.deviceId(), previous, result, wakeup, out);
    return DeviceRuleStates.notNewer(previous, reading);
  }

  /** Lets event time pass up to {@code now} for a device the rule has seen. */
  void onTime(Rule rule, String deviceId, Instant now, Wakeup wakeup, Collector<CaseEvent> out)
      throws Exception {
    RuleState previous = states.load(rule.id(), deviceId);
    if (previous != null) {
      finish(rule, deviceId, previous, RuleClock.until(rule, previous, now), wakeup, out);
    }
  }

  private void finish(
      Rule rule,
      String deviceId,
      RuleState previous,
      RuleClock.Result result,
      Wakeup wakeup,
      Collector<CaseEvent> out)
      throws Exception {
    states.store(rule.id(), previous, result.state());
    for (Decision decision : result.decisions()) {
      CaseEvent event = CaseEvent.of(deviceId, decision);
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
    Optional<Instant> deadline = Evaluators.deadline(rule, result.state());
    if (deadline.isPresent()) {
      wakeup.at(deadline.get());
    }
  }

  /** Where a rule asks to be woken when event time reaches an instant. */
  interface Wakeup {
    void at(Instant instant) throws Exception;
  }
}
