/**
 * The rule document: {@link dev.forewarn.rules.document.Rule} with its {@link
 * dev.forewarn.rules.document.Scope} and {@link dev.forewarn.rules.document.Severity}, its JSON
 * form ({@link dev.forewarn.rules.document.RuleJson}: schema versions, every condition type) and
 * its validation ({@link dev.forewarn.rules.document.RuleValidationException} names the refused
 * field). {@link dev.forewarn.rules.document.RuleChecks} and {@link
 * dev.forewarn.rules.document.JsonPaths} are public so that each condition family's records check
 * their own fields the same way; the JSON readers of the condition types are package-private.
 */
package dev.forewarn.rules.document;
