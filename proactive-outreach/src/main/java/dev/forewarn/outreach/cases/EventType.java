package dev.forewarn.outreach.cases;

/**
 * The case event types intake understands: the telemetry job's {@code OPENED} and {@code CLEARED},
 * and {@code UPDATED} (the prediction moved or the severity rose) for an open case.
 */
enum EventType {
  OPENED,
  UPDATED,
  CLEARED
}
