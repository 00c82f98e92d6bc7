package dev.forewarn.rules.life;

import dev.forewarn.rules.condition.ConditionStatus;
import dev.forewarn.rules.condition.Signal;
import dev.forewarn.rules.condition.Summaries;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.stats.Baselines;
import dev.forewarn.rules.stats.Finite;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Verdicts of a {@link RemainingLifeCondition}; see that type for the rules. */
public final class RemainingLifeSignals {

  /** The largest age in units used, so that the age terms stay finite. */
  private static final double MAX_AGE = 1e12;

  private RemainingLifeSignals() {}

  public static Signal.Step onReading(
      RemainingLifeCondition condition, RemainingLifeState state, Reading reading) {
    List<RemainingLifeCondition.IndexMetric> metrics = condition.metrics();
    double sum = 0;
    for (RemainingLifeCondition.IndexMetric metric : metrics) {
      Double value = reading.metrics().get(metric.metric());
      if (value == null || !Double.isFinite(value)) {
        return null;
      }
      sum += metric.score(value);
    }
    double index = sum / metrics.size();
    Double agedBy = null;
    if (condition.ageMetric() != null) {
      agedBy = reading.metrics().get(condition.ageMetric());
      if (agedBy == null || !Double.isFinite(agedBy)) {
        return null;
      }
    }
    long count = state.count();
    Instant first = count == 0 ? reading.ts() : state.first();
    double weight = Baselines.smoothingWeight(condition.smoothingHalfLife());
    double smoothed = count == 0 ? index : Finite.toward(state.smoothed(), index, weight);
    int warmup = condition.warmupPoints();
    double warmupSum = count < warmup ? state.warmupSum() + index : state.warmupSum();
    RemainingLifeState next = new RemainingLifeState(count + 1, first, warmupSum, smoothed);
    if (count + 1 <= warmup) {
      return new Signal.Step(next, Signal.unknown());
    }
    double initial = warmupSum / warmup;
    double drift = smoothed - initial;
    double unitSeconds = seconds(condition.unit());
    double age =
        Math.min(
            MAX_AGE,
            Math.max(
                0,
                agedBy != null
                    ? agedBy
                    : seconds(Duration.between(first, reading.ts())) / unitSeconds));
    double life = condition.model().life(drift, initial, age);
    if (!Double.isFinite(life)) {
      // Only coefficients near the limits of a double get here: no estimate, no verdict.
      return new Signal.Step(next, Signal.unknown());
    }
    Duration remaining = Duration.ofMillis(Math.round(Math.min(life * unitSeconds, 1e15) * 1000));

    Map<String, Double> evidence = new LinkedHashMap<>();
    evidence.put("index", smoothed);
    evidence.put("initial", initial);
    evidence.put("drift", drift);
    evidence.put("age_units", age);
    evidence.put("life_units", life);
    String estimate = "estimated remaining life " + Summaries.duration(remaining);
    String detail = "drift " + Summaries.number(drift) + ", age " + Summaries.number(age);
    Signal signal;
    if (remaining.compareTo(condition.horizon()) <= 0) {
      signal =
          Signal.of(
              ConditionStatus.HOLDS,
              evidence,
              estimate + ", within " + Summaries.duration(condition.horizon()),
              detail);
    } else if (remaining.compareTo(condition.clearHorizon()) > 0) {
      signal =
          Signal.of(
              ConditionStatus.CLEARS,
              evidence,
              estimate + ", beyond " + Summaries.duration(condition.clearHorizon()),
              "");
    } else {
      signal = Signal.of(ConditionStatus.NEUTRAL, evidence, estimate, "");
    }
    return new Signal.Step(
        next,
        signal.withForecast(
            reading.ts().plus(remaining),
            Double.NaN,
            condition.etaChange(),
            condition.unit(),
            null));
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
