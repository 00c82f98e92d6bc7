/**
 * The {@code trend-forecast} condition: a Theil–Sen line through a window's bucket means, forecast
 * to a fixed or {@link dev.forewarn.rules.trend.LearnedLimit learned} limit, holding when the
 * crossing is within the horizon. Public: the condition, its {@link
 * dev.forewarn.rules.trend.TrendState}, {@link dev.forewarn.rules.trend.TrendSignals} (verdicts)
 * and {@link dev.forewarn.rules.trend.TrendStateBytes} (state bytes, tag 2).
 */
package dev.forewarn.rules.trend;
