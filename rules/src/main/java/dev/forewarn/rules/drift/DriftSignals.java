package dev.forewarn.rules.drift;

import dev.forewarn.rules.condition.ConditionStatus;
import dev.forewarn.rules.condition.Signal;
import dev.forewarn.rules.condition.Summaries;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.stats.BaselineState;
import dev.forewarn.rules.stats.Baselines;
import dev.forewarn.rules.stats.Finite;
import java.util.LinkedHashMap;
import java.util.Map;

/** Verdicts of a {@link BaselineDriftCondition}; see that type for the rules. */
public final class DriftSignals {

  private DriftSignals() {}

  public static Signal.Step onReading(
      BaselineDriftCondition condition, DriftState state, Reading reading) {
    Double raw = reading.metrics().get(condition.metric());
    if (raw == null || !Double.isFinite(raw)) {
      return null;
    }
    if (condition.input() == DriftInput.DELTA) {
      if (state.previous() == null) {
        // The first value only starts the differences; the warm-up clock starts with it.
        BaselineState started =
            new BaselineState(0, reading.ts(), 0, state.baseline().absDeviation());
        return new Signal.Step(
            new DriftState(started, 0, raw, reading.ts(), state.centres()), Signal.unknown());
      }
      Signal.Step step = judge(condition, state, Finite.minus(raw, state.previous()), reading);
      return new Signal.Step(((DriftState) step.state()).withPrevious(raw), step.signal());
    }
    return judge(condition, state, raw, reading);
  }

  private static Signal.Step judge(
      BaselineDriftCondition condition, DriftState state, double value, Reading reading) {
    if (condition.eventTime()) {
      return TimedDriftSignals.onValue(condition, state, value, reading);
    }
    BaselineState baseline = state.baseline();
    double smoothing = 2.0 / (condition.smoothingPoints() + 1);
    double smoothed =
        baseline.count() == 0 ? value : Finite.toward(state.smoothed(), value, smoothing);
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
        verdict(condition, baseline.centre(), smoothed, deviation, evidence));
  }

  static Signal verdict(
      BaselineDriftCondition condition,
      double baselineCentre,
      double smoothed,
      double deviation,
      Map<String, Double> evidence) {
    String centre = Summaries.number(baselineCentre);
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
