/**
 * Conditions made of conditions: {@code all} / {@code any} ({@link
 * dev.forewarn.rules.composite.CompositeCondition}), which follow their children's latest verdicts,
 * and {@code any-opens} ({@link dev.forewarn.rules.composite.AnyOpensCondition}), which holds when
 * a child opens, each child with its own small lifecycle. Their signals and state bytes (tags 5 and
 * 7) recurse into the children through the dispatch in {@code condition}.
 */
package dev.forewarn.rules.composite;
