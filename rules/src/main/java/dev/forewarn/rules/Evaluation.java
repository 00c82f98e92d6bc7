package dev.forewarn.rules;

import dev.forewarn.rules.lifecycle.Decision;
import java.util.Optional;

/**
 * The result of evaluating one reading: the state to keep and, sometimes, a decision.
 *
 * @param state the new per-device state under the rule
 * @param decision an open or clear decision, empty when nothing changed
 */
public record Evaluation(RuleState state, Optional<Decision> decision) {}
