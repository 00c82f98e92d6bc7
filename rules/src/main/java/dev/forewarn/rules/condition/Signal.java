package dev.forewarn.rules.condition;

import dev.forewarn.rules.document.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A condition's verdict on one reading, with what the lifecycle needs to word and back its
 * decision.
 *
 * @param status the verdict
 * @param evidence named finite numbers behind it (never {@code points}, {@code breach_seconds} or
 *     {@code eta_*}, which the lifecycle adds)
 * @param text the headline: "compressor_temp_c above 85.0", or for a clear "compressor_temp_c back
 *     to 79.25 (clear level 80.0)"
 * @param detail what follows in brackets, "now 86.4"; may be empty
 * @param eta a forecast crossing time, or null
 * @param confidence the forecast's confidence in [0, 1], or NaN without a forecast
 * @param etaChange the fraction of the remaining time by which the ETA must move for an update
 * @param etaResolution the least remaining time {@code etaChange} is taken of (a bucket)
 * @param severity a severity the condition escalates to, or null
 * @param onset when a time-driven verdict began (a silence), used as the run's start; or null
 */
public record Signal(
    ConditionStatus status,
    Map<String, Double> evidence,
    String text,
    String detail,
    Instant eta,
    double confidence,
    double etaChange,
    Duration etaResolution,
    Severity severity,
    Instant onset) {

  public static Signal of(
      ConditionStatus status, Map<String, Double> evidence, String text, String detail) {
    return new Signal(status, evidence, text, detail, null, Double.NaN, 0, null, null, null);
  }

  public static Signal unknown() {
    return of(ConditionStatus.UNKNOWN, Map.of(), "", "");
  }

  public Signal withOnset(Instant at) {
    return new Signal(
        status, evidence, text, detail, eta, confidence, etaChange, etaResolution, severity, at);
  }

  public Signal withForecast(
      Instant at, double withConfidence, double change, Duration resolution, Severity escalated) {
    return new Signal(
        status, evidence, text, detail, at, withConfidence, change, resolution, escalated, onset);
  }

  /** One condition's new state and verdict. */
  public record Step(ConditionState state, Signal signal) {}
}
