package dev.forewarn.rules.backtest;

import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.Scope;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Named instants, devices, a rule and readings for the backtest tests. */
public final class Series {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final String PUMP_1 = "pump-1";
  static final String PUMP_2 = "pump-2";
  static final String MODEL = "P-10";
  static final String METRIC = "temp_c";
  static final double HOT = 90;
  static final double COOL = 70;

  private Series() {}

  static Instant hours(long h) {
    return T0.plus(Duration.ofHours(h));
  }

  /** Above 85 opens at once, at or below 80 clears; watches model P-10 only. */
  static Rule overheat() {
    return Rule.threshold(
        "overheat",
        3,
        "Overheat",
        new Scope(Set.of(), Set.of(MODEL)),
        Severity.WARNING,
        METRIC,
        Direction.ABOVE,
        85,
        80,
        Duration.ZERO,
        1);
  }

  static Reading reading(String device, Instant ts, double value) {
    return new Reading(device, ts, ts.getEpochSecond(), MODEL, Map.of(METRIC, value));
  }
}
