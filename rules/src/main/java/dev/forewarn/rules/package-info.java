/**
 * The heart of Forewarn's domain: readings, the typed and versioned rule model with its JSON form,
 * the pure evaluators that turn (rule, state, reading) into (state, decision), and the case events
 * that leave the detection side. No Flink, Spring, MQTT or InfluxDB types live here, so a rule
 * means the same in the streaming job, the backtester and the tests.
 */
package dev.forewarn.rules;
