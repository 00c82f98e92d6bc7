package dev.forewarn.rules;

import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.reading.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Readings and the passing of time, in one order that the streaming job and the backtester share:
 * before a reading is evaluated, every {@link Evaluators#deadline deadline} strictly before its
 * time is let pass with {@link Evaluators#advance}; with no reading, time is let pass up to a given
 * instant (the job's watermark, the end of the replayed history). Both therefore decide the same
 * things at the same event times, whether or not a reading follows a silence.
 */
public final class RuleClock {

  /** A guard against a condition whose deadline never settles; no real rule comes near it. */
  static final int MAX_STEPS = 10_000;

  /**
   * The state after some steps, and what they decided, in order.
   *
   * @param state the new state
   * @param decisions the decisions, oldest first; empty when nothing was decided
   */
  public record Result(RuleState state, List<Decision> decisions) {
    public Result {
      decisions = List.copyOf(decisions);
    }
  }

  private RuleClock() {}

  /**
   * Lets time pass up to just before the reading, then evaluates it.
   *
   * @param state the previous state, or null for the initial one
   */
  public static Result reading(Rule rule, RuleState state, Reading reading) {
    List<Decision> decisions = new ArrayList<>();
    RuleState current = state == null ? Evaluators.initialState(rule) : state;
    current = pass(rule, current, reading.ts(), false, decisions);
    Evaluation evaluation = Evaluators.evaluate(rule, current, reading);
    evaluation.decision().ifPresent(decisions::add);
    return new Result(evaluation.state(), decisions);
  }

  /** Lets time pass up to and including {@code now}, with no reading. */
  public static Result until(Rule rule, RuleState state, Instant now) {
    List<Decision> decisions = new ArrayList<>();
    RuleState current = state == null ? Evaluators.initialState(rule) : state;
    return new Result(pass(rule, current, now, true, decisions), decisions);
  }

  private static RuleState pass(
      Rule rule, RuleState state, Instant upTo, boolean inclusive, List<Decision> decisions) {
    RuleState current = state;
    for (int step = 0; step < MAX_STEPS; step++) {
      Optional<Instant> deadline = Evaluators.deadline(rule, current);
      if (deadline.isEmpty()
          || deadline.get().isAfter(upTo)
          || (!inclusive && deadline.get().equals(upTo))) {
        return current;
      }
      Evaluation evaluation = Evaluators.advance(rule, current, deadline.get());
      evaluation.decision().ifPresent(decisions::add);
      current = evaluation.state();
    }
    throw new IllegalStateException(
        "rule " + rule.id() + ": time did not settle after " + MAX_STEPS + " deadlines");
  }
}
