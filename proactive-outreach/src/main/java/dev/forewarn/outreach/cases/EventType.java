package dev.forewarn.outreach.cases;

/**
 * The case event types intake understands: the telemetry job's {@code OPENED} and {@code CLEARED},
 * {@code UPDATED} (the prediction moved or the severity rose) for an open case, and {@code
 * SUPERSEDED} (the job dropped the rule's state for the device while the case was open: the rule
 * was replaced or removed, the device left its scope, or its state expired).
 */
enum EventType {
  OPENED,
  UPDATED,
  CLEARED,
  SUPERSEDED
}
