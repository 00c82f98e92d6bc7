package dev.forewarn.rules;

import static dev.forewarn.rules.TestData.METRIC;

import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/** Evenly spaced readings of the watched metric, their values given by index. */
public final class Series {

  private Series() {}

  public static Reading[] of(Instant start, Duration step, int count, IntToDoubleFunction value) {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant ts = start.plus(step.multipliedBy(i));
      readings.add(TestData.reading(ts, Map.of(METRIC, value.applyAsDouble(i))));
    }
    return readings.toArray(Reading[]::new);
  }

  /** A fixed pseudo-random wobble in [-1, 1], the same on every run. */
  public static double wobble(int i) {
    return Math.sin(i * 12.9898) * 0.9 + Math.sin(i * 4.1414) * 0.1;
  }
}
