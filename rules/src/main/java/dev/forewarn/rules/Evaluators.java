package dev.forewarn.rules;

/**
 * The one entry point to evaluation. The streaming job, the backtester and the tests call these
 * same pure functions, so a rule means the same thing everywhere. Time comes from the reading's
 * event time, never from a clock.
 */
public final class Evaluators {

  private Evaluators() {}

  /** The state of a device under a rule before any reading. */
  public static RuleState initialState(Rule rule) {
    if (rule instanceof ThresholdRule) {
      return ThresholdState.INITIAL;
    }
    throw unknown(rule);
  }

  /**
   * Evaluates one reading of one device under one rule.
   *
   * @param rule the rule, which must apply to the reading's device
   * @param state the device's previous state under this rule, or null for the initial state
   * @param reading the reading, in event-time order for this device
   * @return the new state and, when the reading opens or clears a case, the decision
   * @throws IllegalArgumentException when the state belongs to another rule type
   */
  public static Evaluation evaluate(Rule rule, RuleState state, Reading reading) {
    RuleState previous = state == null ? initialState(rule) : state;
    if (rule instanceof ThresholdRule threshold) {
      return ThresholdEvaluator.evaluate(
          threshold, as(ThresholdState.class, previous, rule), reading);
    }
    throw unknown(rule);
  }

  private static <S extends RuleState> S as(Class<S> type, RuleState state, Rule rule) {
    if (!type.isInstance(state)) {
      throw new IllegalArgumentException(
          "state " + state.getClass().getSimpleName() + " does not fit rule " + rule.id());
    }
    return type.cast(state);
  }

  private static IllegalStateException unknown(Rule rule) {
    return new IllegalStateException("no evaluator for " + rule.getClass().getSimpleName());
  }
}
