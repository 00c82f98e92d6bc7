/**
 * The heart of Forewarn's domain: readings and their payload codec ({@link
 * dev.forewarn.rules.ReadingJson}), the typed and versioned rule model with its JSON form ({@link
 * dev.forewarn.rules.RuleJson}), the pure evaluators that turn (rule, state, reading) into (state,
 * decision) ({@link dev.forewarn.rules.Evaluators}), the compact state bytes ({@link
 * dev.forewarn.rules.RuleStates}) and the case events that leave the detection side. No Flink,
 * Spring, MQTT or InfluxDB types live here, so a rule means the same in the streaming job, the
 * backtester and the tests.
 */
package dev.forewarn.rules;
