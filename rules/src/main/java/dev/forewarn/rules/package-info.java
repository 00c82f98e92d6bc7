/**
 * The entry point to evaluation: {@link dev.forewarn.rules.Evaluators} turns (rule, state, reading)
 * into (state, decision), {@link dev.forewarn.rules.RuleClock} orders readings and time the one way
 * the streaming job and the backtester share, and {@link dev.forewarn.rules.RuleStates} writes a
 * {@link dev.forewarn.rules.RuleState} as the compact bytes kept per device and rule.
 *
 * <p>The library's parts live in packages of their own: {@code reading} (the telemetry payload),
 * {@code document} (rules, their JSON and validation), {@code condition} (what every condition
 * family implements, and the dispatch to them), one package per family ({@code threshold}, {@code
 * rate}, {@code trend}, {@code drift}, {@code silence}, {@code composite}, {@code index}, {@code
 * life}), {@code stats} (estimators the families share), {@code lifecycle} (cases, flap suppression
 * and case events) and {@code backtest}. No Flink, Spring, MQTT or InfluxDB types live here, so a
 * rule means the same in the streaming job, the backtester and the tests.
 */
package dev.forewarn.rules;
