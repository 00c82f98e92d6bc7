package dev.forewarn.rules;

import dev.forewarn.rules.condition.ConditionState;
import dev.forewarn.rules.condition.Conditions;
import dev.forewarn.rules.condition.Signal;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.CaseLifecycle;
import dev.forewarn.rules.lifecycle.LifecycleState;
import dev.forewarn.rules.reading.Reading;
import java.time.Instant;
import java.util.Optional;

/**
 * The one entry point to evaluation. The streaming job, the backtester and the tests call these
 * same pure functions, so a rule means the same thing everywhere. Time comes from the reading's
 * event time or from the {@code now} passed in, never from a clock.
 */
public final class Evaluators {

  private Evaluators() {}

  /** The state of a device under a rule before any reading. */
  public static RuleState initialState(Rule rule) {
    return new RuleState(LifecycleState.INITIAL, Conditions.initial(rule.condition()));
  }

  /**
   * Evaluates one reading of one device under one rule. A reading whose {@code ts} is not after the
   * last one evaluated (a duplicate or a late reading), or that the condition has no use for (it
   * lacks the metric), changes nothing: the very same state instance comes back.
   *
   * @param rule the rule, which must apply to the reading's device
   * @param state the device's previous state under this rule, or null for the initial state
   * @param reading the reading, in event-time order for this device
   * @return the new state and, when the reading opens, updates or clears a case, the decision
   * @throws IllegalArgumentException when the state belongs to another rule's condition
   */
  public static Evaluation evaluate(Rule rule, RuleState state, Reading reading) {
    RuleState previous = state == null ? initialState(rule) : state;
    Instant last = previous.lastTs();
    if (last != null && !reading.ts().isAfter(last)) {
      return new Evaluation(previous, Optional.empty());
    }
    Signal.Step step = Conditions.onReading(rule.condition(), previous.condition(), reading);
    if (step == null) {
      return new Evaluation(previous, Optional.empty());
    }
    CaseLifecycle.Outcome outcome =
        CaseLifecycle.apply(
            rule,
            previous.lifecycle().withLastTs(reading.ts()),
            step.signal(),
            reading.ts(),
            last,
            true);
    return new Evaluation(
        new RuleState(outcome.state(), step.state()), Optional.ofNullable(outcome.decision()));
  }

  /**
   * Lets time pass without a reading, up to {@code now}: a silence may open a case, and a case held
   * open by flap suppression may clear when its hold has run out. Call it when {@link #deadline}
   * comes (the job from an event-time timer; a backtester before each reading whose time is at or
   * past the deadline, and at the end of the data). A {@code now} not after the last reading or the
   * last advance changes nothing. The state remembers {@code now}, so {@link #deadline} moves on
   * even when nothing was decided.
   *
   * @return the new state and, when time alone opens or clears a case, the decision
   */
  public static Evaluation advance(Rule rule, RuleState state, Instant now) {
    RuleState previous = state == null ? initialState(rule) : state;
    LifecycleState lifecycle = previous.lifecycle();
    if ((lifecycle.lastTs() != null && !now.isAfter(lifecycle.lastTs()))
        || (lifecycle.advancedTo() != null && !now.isAfter(lifecycle.advancedTo()))) {
      return new Evaluation(previous, Optional.empty());
    }
    lifecycle = lifecycle.withAdvancedTo(now);
    ConditionState condition = previous.condition();
    Signal.Step step = Conditions.onAdvance(rule.condition(), condition, now);
    CaseLifecycle.Outcome outcome = new CaseLifecycle.Outcome(lifecycle, null);
    if (step != null) {
      condition = step.state();
      outcome = CaseLifecycle.apply(rule, lifecycle, step.signal(), now, null, false);
    }
    if (outcome.decision() == null) {
      outcome = CaseLifecycle.expireHold(rule, outcome.state(), now);
    }
    return new Evaluation(
        new RuleState(outcome.state(), condition), Optional.ofNullable(outcome.decision()));
  }

  /**
   * Whether the rule is still learning what is normal for this device (an anomaly likelihood in its
   * first readings, or before its history covers one budget period): its verdicts are then unknown,
   * or judged without the device's own budget threshold yet.
   */
  public static boolean learning(Rule rule, RuleState state) {
    RuleState current = state == null ? initialState(rule) : state;
    return Conditions.learning(rule.condition(), current.condition());
  }

  /**
   * When the evaluator wants {@link #advance} to be called even if no reading comes: the first
   * instant at which time alone may decide something (a silence turning long enough, a flapping
   * case's hold running out, the end of a cooldown that kept a silence from opening, an any-opens
   * case's cooldown running out). Empty when only readings can change anything. It is always after
   * the last reading and the last advance.
   */
  public static Optional<Instant> deadline(Rule rule, RuleState state) {
    RuleState current = state == null ? initialState(rule) : state;
    LifecycleState lifecycle = current.lifecycle();
    Instant deadline = CaseLifecycle.holdDeadline(rule, lifecycle);
    if (lifecycle.open()) {
      Instant close = Conditions.closeDeadline(rule.condition(), current.condition());
      deadline = close != null && (deadline == null || close.isBefore(deadline)) ? close : deadline;
    }
    if (!lifecycle.open()) {
      Instant condition = Conditions.deadline(rule.condition(), current.condition());
      if (condition != null) {
        Instant due = condition.plus(rule.lifecycle().sustainedFor());
        if (lifecycle.clearedAt() != null) {
          Instant cooled = lifecycle.clearedAt().plus(rule.lifecycle().cooldown());
          due = cooled.isAfter(due) ? cooled : due;
        }
        deadline = deadline == null || due.isBefore(deadline) ? due : deadline;
      }
    }
    if (deadline == null
        || (lifecycle.lastTs() != null && !deadline.isAfter(lifecycle.lastTs()))
        || (lifecycle.advancedTo() != null && !deadline.isAfter(lifecycle.advancedTo()))) {
      return Optional.empty();
    }
    return Optional.of(deadline);
  }
}
