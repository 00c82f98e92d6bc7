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
    List<RemainingLifeCondition.FaultMode> modes = condition.modes();
    double[] indexes = new double[modes.size()];
    for (int mode = 0; mode < modes.size(); mode++) {
      indexes[mode] = modes.get(mode).index(reading.metrics());
      if (Double.isNaN(indexes[mode])) {
        return null;
      }
    }
    Double agedBy = null;
    if (condition.ageMetric() != null) {
      agedBy = reading.metrics().get(condition.ageMetric());
      if (agedBy == null || !Double.isFinite(agedBy)) {
        return null;
      }
    }
    // A state kept from a document with another number of modes starts over.
    long count = state.modes() == modes.size() ? state.count() : 0;
    Instant first = count == 0 ? reading.ts() : state.first();
    double weight = Baselines.smoothingWeight(condition.smoothingHalfLife());
    int warmup = condition.warmupPoints();
    double[] sums = new double[modes.size()];
    double[] smoothed = new double[modes.size()];
    for (int mode = 0; mode < modes.size(); mode++) {
      double index = indexes[mode];
      smoothed[mode] = count == 0 ? index : Finite.toward(state.smoothed(mode), index, weight);
      double sum = count == 0 ? 0 : state.warmupSum(mode);
      sums[mode] = count < warmup ? Finite.plus(sum, index) : sum;
    }
    RemainingLifeState next = new RemainingLifeState(count + 1, first, sums, smoothed);
    if (count + 1 <= warmup) {
      return new Signal.Step(next, Signal.unknown());
    }
    double unitSeconds = seconds(condition.unit());
    double age =
        Math.min(
            MAX_AGE,
            Math.max(
                0,
                agedBy != null
                    ? agedBy
                    : seconds(Duration.between(first, reading.ts())) / unitSeconds));
    // The device's life is the least over its modes: the way it is wearing out fastest speaks.
    int worst = -1;
    double life = Double.POSITIVE_INFINITY;
    for (int mode = 0; mode < modes.size(); mode++) {
      double initial = sums[mode] / warmup;
      double estimate = modes.get(mode).model().life(smoothed[mode] - initial, initial, age);
      if (!Double.isFinite(estimate)) {
        // Only coefficients near the limits of a double get here: no estimate, no verdict.
        return new Signal.Step(next, Signal.unknown());
      }
      if (estimate < life) {
        life = estimate;
        worst = mode;
      }
    }
    double initial = sums[worst] / warmup;
    double drift = smoothed[worst] - initial;
    Duration remaining = Duration.ofMillis(Math.round(Math.min(life * unitSeconds, 1e15) * 1000));

    Map<String, Double> evidence = new LinkedHashMap<>();
    evidence.put("index", smoothed[worst]);
    evidence.put("initial", initial);
    evidence.put("drift", drift);
    evidence.put("age_units", age);
    evidence.put("life_units", life);
    String name = modes.get(worst).name();
    if (modes.size() > 1) {
      evidence.put("mode", (double) worst);
    }
    String estimate =
        "estimated remaining life "
            + Summaries.duration(remaining)
            + (modes.size() > 1 ? " (" + name + ")" : "");
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
