/**
 * Cases: intake turns the case events the telemetry job writes into opened and cleared cases, with
 * their outbox messages, in one transaction per batch; the cases API shows each case with its
 * notifications.
 */
package dev.forewarn.outreach.cases;
