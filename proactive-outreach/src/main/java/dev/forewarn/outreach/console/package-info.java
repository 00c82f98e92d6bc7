/**
 * The staff console: server-rendered pages for managers and agents (the cases board, a case with
 * its timeline, the agent queue, rules with their editor and backtest preview, devices with their
 * telemetry charts, the delivery log and dead letters). The pages read through the same queries as
 * the API; what they change, they change through the API with the session's CSRF token.
 */
package dev.forewarn.outreach.console;
