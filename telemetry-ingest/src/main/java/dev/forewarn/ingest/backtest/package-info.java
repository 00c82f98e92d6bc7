/**
 * The backtest command: replays stored history (from InfluxDB or a CSV file) through rules with the
 * same evaluators the job runs, and reports the cases they would have opened.
 */
package dev.forewarn.ingest.backtest;
