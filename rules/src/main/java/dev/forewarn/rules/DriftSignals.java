package dev.forewarn.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/** Verdicts of a {@link BaselineDriftCondition}; see that type for the rules. */
final class DriftSignals {

  private DriftSignals() {}

  static Signal.Step onReading(
      BaselineDriftCondition condition, DriftState state, Reading reading) {
    Double value = reading.metrics().get(condition.metric());
    if (value == null || !Double.isFinite(value)) {
      return null;
    }
    BaselineState baseline = state.baseline();
    double smoothing = 2.0 / (condition.smoothingPoints() + 1);
    double smoothed =
        baseline.count() == 0 ? value : state.smoothed() + smoothing * (value - state.smoothed());
    if (!Baselines.warm(
        baseline, condition.warmupPoints(), condition.warmupDuration(), reading.ts())) {
      BaselineState learned = learn(condition, baseline, value, reading);
      return new Signal.Step(new DriftState(learned, smoothed), Signal.unknown());
    }
    double spread =
        Baselines.spread(baseline, condition.minSpread(), condition.minRelativeSpread());
    double raw = Baselines.deviation(value, baseline.centre(), spread);
    double deviation = Baselines.deviation(smoothed, baseline.centre(), spread);
    boolean freeze =
        condition.freezeWhileDeviating()
            && (Math.abs(raw) > condition.k() || Math.abs(deviation) > condition.clearK());
    BaselineState next = freeze ? baseline : learn(condition, baseline, value, reading);
    Map<String, Double> evidence = new LinkedHashMap<>();
    evidence.put("value", value);
    evidence.put("smoothed", smoothed);
    evidence.put("baseline", baseline.centre());
    evidence.put("spread", spread);
    evidence.put("deviation", deviation);
    evidence.put("k", condition.k());
    return new Signal.Step(
        new DriftState(next, smoothed),
        verdict(condition, baseline, smoothed, deviation, evidence));
  }

  private static Signal verdict(
      BaselineDriftCondition condition,
      BaselineState baseline,
      double smoothed,
      double deviation,
      Map<String, Double> evidence) {
    String centre = Summaries.number(baseline.centre());
    if (condition.side().beyond(deviation, condition.k())) {
      return Signal.of(
          ConditionStatus.HOLDS,
          evidence,
          condition.metric()
              + " "
              + (deviation > 0 ? "above" : "below")
              + " its baseline "
              + centre
              + " by more than "
              + Summaries.number(condition.k())
              + " spreads",
          "now "
              + Summaries.number(smoothed)
              + ", "
              + Summaries.number(Math.abs(deviation))
              + " spreads");
    }
    if (!condition.side().beyond(deviation, condition.clearK())) {
      return Signal.of(
          ConditionStatus.CLEARS,
          evidence,
          condition.metric()
              + " back within "
              + Summaries.number(condition.clearK())
              + " spreads of its baseline "
              + centre,
          "");
    }
    return Signal.of(
        ConditionStatus.NEUTRAL,
        evidence,
        condition.metric() + " " + Summaries.number(deviation) + " spreads from its baseline",
        "");
  }

  private static BaselineState learn(
      BaselineDriftCondition condition, BaselineState baseline, double value, Reading reading) {
    return Baselines.learn(
        baseline, value, reading.ts(), condition.warmupPoints(), condition.halfLifePoints());
  }
}
