/**
 * The telemetry history the job keeps in InfluxDB, as the service reads it (latest readings,
 * downsampled series, history for backtests), through the shared {@code telemetry-history} module.
 */
package dev.forewarn.outreach.history;
