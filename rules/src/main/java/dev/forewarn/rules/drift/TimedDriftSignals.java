package dev.forewarn.rules.drift;

import dev.forewarn.rules.condition.Signal;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.stats.BaselineState;
import dev.forewarn.rules.stats.Baselines;
import dev.forewarn.rules.stats.Finite;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verdicts of a {@link BaselineDriftCondition} that learns in event time, optionally with a
 * seasonal centre; see {@link BaselineDriftCondition#eventTime()} for the rules.
 */
final class TimedDriftSignals {

  private TimedDriftSignals() {}

  static Signal.Step onValue(
      BaselineDriftCondition condition, DriftState state, double value, Reading reading) {
    Instant t = reading.ts();
    double dt = state.lastAt() == null ? 1 : Math.max(1, seconds(state.lastAt(), t));
    boolean first = state.lastAt() == null || state.centres() == null;
    double smoothed =
        first ? value : Finite.toward(state.smoothed(), value, weight(dt, condition.smoothing()));
    SeasonalCentres centres =
        state.centres() == null
            ? SeasonalCentres.empty(condition.centreBuckets())
            : state.centres();
    BaselineState baseline = state.baseline();
    Instant since = baseline.since() == null ? t : baseline.since();
    int b = condition.seasonality() == null ? 0 : condition.seasonality().bucketOf(t);
    if (centres.count(b) == 0) {
      // The first reading of a bucket only gives it a centre: there is nothing to compare with.
      BaselineState started =
          new BaselineState(baseline.count(), since, 0, baseline.absDeviation());
      return new Signal.Step(
          new DriftState(started, smoothed, state.previous(), t, centres.with(b, smoothed)),
          Signal.unknown());
    }
    double centre = centres.centre(b);
    double error = Finite.minus(smoothed, centre);
    Signal signal = Signal.unknown();
    boolean freeze = false;
    if (baseline.count() >= condition.warmupPoints()
        && Duration.between(since, t).compareTo(condition.warmupDuration()) >= 0) {
      double spread =
          Math.max(
              baseline.absDeviation() * Baselines.MAD_TO_SD,
              Math.max(condition.minSpread(), condition.minRelativeSpread() * Math.abs(centre)));
      double deviation = Baselines.deviation(smoothed, centre, spread);
      freeze = condition.freezeWhileDeviating() && Math.abs(deviation) > condition.k();
      Map<String, Double> evidence = new LinkedHashMap<>();
      evidence.put("value", value);
      evidence.put("smoothed", smoothed);
      evidence.put("baseline", centre);
      evidence.put("spread", spread);
      evidence.put("deviation", deviation);
      evidence.put("k", condition.k());
      if (condition.seasonality() != null) {
        evidence.put("bucket", (double) b);
      }
      signal = DriftSignals.verdict(condition, centre, smoothed, deviation, evidence);
    }
    if (freeze) {
      BaselineState kept = new BaselineState(baseline.count(), since, 0, baseline.absDeviation());
      return new Signal.Step(new DriftState(kept, smoothed, state.previous(), t, centres), signal);
    }
    long n = baseline.count() + 1;
    double spreadWeight = Math.max(1.0 / n, weight(dt, condition.spreadOrCentreHalfLife()));
    double absDeviation = Finite.toward(baseline.absDeviation(), Math.abs(error), spreadWeight);
    int visits = centres.count(b) + 1;
    double centreWeight = Math.max(1.0 / visits, weight(dt * centres.size(), condition.halfLife()));
    BaselineState learned = new BaselineState(n, since, 0, absDeviation);
    return new Signal.Step(
        new DriftState(
            learned,
            smoothed,
            state.previous(),
            t,
            centres.with(b, Finite.toward(centre, smoothed, centreWeight))),
        signal);
  }

  /** The weight of a reading {@code dt} seconds after the previous one: 1 − 2^(−dt/halfLife). */
  static double weight(double dt, Duration halfLife) {
    if (halfLife == null || halfLife.isZero()) {
      return 1;
    }
    return 1 - Math.pow(2, -dt / (halfLife.toMillis() / 1000.0));
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }
}
