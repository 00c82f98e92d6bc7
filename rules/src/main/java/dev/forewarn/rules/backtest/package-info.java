/**
 * Replays recorded history through the very evaluators the streaming job runs, and reports what a
 * rule would have done: every case event, alert counts per device and ISO week, and, where failure
 * times are known, the lead of the first alert and the alerts raised too early. {@link
 * dev.forewarn.rules.backtest.SeriesCsv} reads recorded series from CSV.
 */
package dev.forewarn.rules.backtest;
