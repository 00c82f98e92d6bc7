package dev.forewarn.rules.condition;

/** A condition's verdict on one reading (or at one {@code now}). */
public enum ConditionStatus {
  /** No verdict: too little data yet, or still learning. Changes nothing in the lifecycle. */
  UNKNOWN,
  /** The condition holds: a case may open, an open case stays open. */
  HOLDS,
  /**
   * Neither holding nor clear (a hysteresis band): ends a run before opening, keeps a case open.
   */
  NEUTRAL,
  /** The condition is clear: an open case clears. */
  CLEARS
}
