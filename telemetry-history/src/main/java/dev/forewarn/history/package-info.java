/**
 * The telemetry history the job keeps in InfluxDB, read back: a device's readings for replay
 * through the rules (the backtest command and the service's backtests), the newest reading of
 * devices, and series downsampled by the database for charts. Shared by telemetry-ingest and
 * proactive-outreach, so both read the measurement the same way.
 */
package dev.forewarn.history;
