package dev.forewarn.rules;

/**
 * What an evaluator remembers about one device under one rule between readings. Kept small: it
 * lives in keyed state for every device-rule pair. {@link RuleStates} turns it into bytes.
 */
public sealed interface RuleState permits ThresholdState {}
