/**
 * How verdicts become cases: the rule's {@link dev.forewarn.rules.lifecycle.Lifecycle}
 * (sustained-for, minimum points, cooldown, {@link dev.forewarn.rules.lifecycle.FlapSuppression}),
 * the per device-rule {@link dev.forewarn.rules.lifecycle.LifecycleState} and its bytes, {@link
 * dev.forewarn.rules.lifecycle.CaseLifecycle} (open, update, clear, hold), the resulting {@link
 * dev.forewarn.rules.lifecycle.Decision}, and the {@link dev.forewarn.rules.lifecycle.CaseEvent}
 * with its stable id that leaves detection. Evidence naming is package-private.
 */
package dev.forewarn.rules.lifecycle;
