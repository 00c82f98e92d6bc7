package dev.forewarn.rules.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How the rules did on one device whose failure time is known.
 *
 * @param deviceId the device
 * @param failure event time of its failure
 * @param firstAlert the first case opened at or before the failure, if any
 * @param earlyAlerts cases opened earlier than the early horizon before the failure
 */
public record DeviceOutcome(
    String deviceId, Instant failure, Optional<Instant> firstAlert, int earlyAlerts) {

  /** Whether a case opened at or before the failure. */
  public boolean alerted() {
    return firstAlert.isPresent();
  }

  /** Time from the first alert to the failure; empty when nothing opened before it. */
  public Optional<Duration> lead() {
    return firstAlert.map(at -> Duration.between(at, failure));
  }
}
