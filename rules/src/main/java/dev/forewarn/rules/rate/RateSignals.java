package dev.forewarn.rules.rate;

import dev.forewarn.rules.condition.ConditionStatus;
import dev.forewarn.rules.condition.Signal;
import dev.forewarn.rules.condition.Summaries;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.stats.Finite;
import dev.forewarn.rules.stats.TheilSen;
import dev.forewarn.rules.stats.WindowBuckets;
import dev.forewarn.rules.stats.WindowLines;
import java.util.LinkedHashMap;
import java.util.Map;

/** Verdicts of a {@link RateOfChangeCondition}. */
public final class RateSignals {

  private RateSignals() {}

  public static Signal.Step onReading(
      RateOfChangeCondition condition, WindowBuckets state, Reading reading) {
    Double value = reading.metrics().get(condition.metric());
    if (value == null || !Double.isFinite(value)) {
      return null;
    }
    long width = WindowLines.widthMillis(condition.window(), condition.buckets());
    WindowBuckets window = WindowLines.add(state, width, reading.ts(), value);
    if (window.filled() < 2 || window.points() < condition.minPointsInWindow()) {
      return new Signal.Step(window, Signal.unknown());
    }
    TheilSen.Fit fit = WindowLines.fit(window, width, reading.ts());
    double rate = Finite.times(fit.slope(), condition.per().seconds());
    Map<String, Double> evidence = new LinkedHashMap<>();
    evidence.put("value", value);
    evidence.put("rate", rate);
    evidence.put("limit", condition.limit());
    evidence.put("clear_limit", condition.clearLimit());
    evidence.put("window_points", (double) window.points());
    String unit = " per " + condition.per().word();
    String metric = condition.metric();
    Signal signal;
    if (condition.direction().breaches(rate, condition.limit())) {
      signal =
          Signal.of(
              ConditionStatus.HOLDS,
              evidence,
              metric
                  + " changing "
                  + condition.direction().word()
                  + " "
                  + Summaries.number(condition.limit())
                  + unit,
              "now " + Summaries.number(rate) + unit);
    } else if (condition.direction().clears(rate, condition.clearLimit())) {
      signal =
          Signal.of(
              ConditionStatus.CLEARS,
              evidence,
              metric
                  + " changing at "
                  + Summaries.number(rate)
                  + unit
                  + " (clear limit "
                  + Summaries.number(condition.clearLimit())
                  + ")",
              "");
    } else {
      signal =
          Signal.of(
              ConditionStatus.NEUTRAL,
              evidence,
              metric + " changing at " + Summaries.number(rate) + unit,
              "");
    }
    return new Signal.Step(window, signal);
  }
}
