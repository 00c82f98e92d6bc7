/**
 * Backtests from the API: a saved or draft rule replayed over the InfluxDB history of a selection
 * of devices through the rules library's backtester, run as a resource with progress.
 */
package dev.forewarn.outreach.backtests;
