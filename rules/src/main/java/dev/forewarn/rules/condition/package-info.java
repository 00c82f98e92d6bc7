/**
 * What every condition family implements, and the dispatch to them. A {@link
 * dev.forewarn.rules.condition.Condition} gives, per reading, a {@link
 * dev.forewarn.rules.condition.Signal} (a {@link dev.forewarn.rules.condition.ConditionStatus} with
 * evidence and wording) and a new {@link dev.forewarn.rules.condition.ConditionState}; both
 * interfaces are sealed over the families' records. {@link dev.forewarn.rules.condition.Conditions}
 * dispatches readings and time to the family's signals, {@link
 * dev.forewarn.rules.condition.ConditionStateBytes} a state's bytes to the family's encoding,
 * behind a type tag; {@link dev.forewarn.rules.condition.Varints} and {@link
 * dev.forewarn.rules.condition.Summaries} are the primitives of state bytes and summaries that
 * every family uses. These are public for the library's own packages, not for callers, who go
 * through {@link dev.forewarn.rules.Evaluators} and {@link dev.forewarn.rules.RuleStates}.
 */
package dev.forewarn.rules.condition;
