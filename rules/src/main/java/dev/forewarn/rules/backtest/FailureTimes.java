package dev.forewarn.rules.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * When devices are known to have failed, and how long before a failure an alert still counts as a
 * timely warning. An alert opened earlier than {@code earlyHorizon} before its device's failure is
 * an early (false) alert: the device was still healthy then.
 *
 * @param failures device id to the event time of its failure; devices not listed have no known
 *     failure
 * @param earlyHorizon how far ahead of a failure an alert is still timely, zero or more
 */
public record FailureTimes(Map<String, Instant> failures, Duration earlyHorizon) {

  /** No failure known for any device. */
  public static final FailureTimes NONE = new FailureTimes(Map.of(), Duration.ZERO);

  public FailureTimes {
    failures = Map.copyOf(Objects.requireNonNull(failures, "failures"));
    Objects.requireNonNull(earlyHorizon, "earlyHorizon");
    if (earlyHorizon.isNegative()) {
      throw new IllegalArgumentException("earlyHorizon: must be zero or more, got " + earlyHorizon);
    }
  }
}
