package dev.forewarn.rules;

import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.lifecycle.LifecycleState;
import dev.forewarn.rules.reading.Reading;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds readings through {@link Evaluators#evaluate} the way the job does, optionally storing the
 * state as bytes between readings, and collects the decisions.
 */
public final class Replay {

  private final Rule rule;
  private final boolean throughBytes;
  private RuleState state;
  private final List<Decision> decisions = new ArrayList<>();

  private Replay(Rule rule, boolean throughBytes) {
    this.rule = rule;
    this.throughBytes = throughBytes;
  }

  public static Replay of(Rule rule) {
    return new Replay(rule, false);
  }

  /** Encodes and decodes the state after every reading, as keyed state in the job does. */
  public static Replay storingStateAsBytes(Rule rule) {
    return new Replay(rule, true);
  }

  public Replay feed(Reading... readings) {
    for (Reading reading : readings) {
      Evaluation evaluation = Evaluators.evaluate(rule, state, reading);
      state =
          throughBytes
              ? RuleStates.decode(RuleStates.encode(evaluation.state()))
              : evaluation.state();
      evaluation.decision().ifPresent(decisions::add);
    }
    return this;
  }

  public List<Decision> decisions() {
    return decisions;
  }

  public List<Decision.Kind> kinds() {
    return decisions.stream().map(Decision::kind).toList();
  }

  public RuleState state() {
    return state;
  }

  public LifecycleState lifecycle() {
    return state.lifecycle();
  }

  /** Lets time pass to {@code now} without a reading, as the job's timer does. */
  public Replay advance(java.time.Instant now) {
    Evaluation evaluation = Evaluators.advance(rule, state, now);
    state =
        throughBytes
            ? RuleStates.decode(RuleStates.encode(evaluation.state()))
            : evaluation.state();
    evaluation.decision().ifPresent(decisions::add);
    return this;
  }
}
