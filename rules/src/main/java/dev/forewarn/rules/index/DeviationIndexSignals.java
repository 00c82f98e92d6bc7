package dev.forewarn.rules.index;

import dev.forewarn.rules.condition.ConditionStatus;
import dev.forewarn.rules.condition.Signal;
import dev.forewarn.rules.condition.Summaries;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.stats.Baselines;
import dev.forewarn.rules.stats.Finite;
import dev.forewarn.rules.stats.TheilSen;
import java.util.LinkedHashMap;
import java.util.Map;

/** Verdicts of a {@link DeviationIndexCondition}; see that type for the rules. */
public final class DeviationIndexSignals {

  private DeviationIndexSignals() {}

  public static Signal.Step onReading(
      DeviationIndexCondition condition, DeviationIndexState state, Reading reading) {
    int m = condition.metrics().size();
    double[] x = new double[m];
    for (int i = 0; i < m; i++) {
      Double value = reading.metrics().get(condition.metrics().get(i));
      if (value == null || !Double.isFinite(value)) {
        return null;
      }
      x[i] = value;
    }
    double[] means = state.meansView().clone();
    double[] squares = state.squaresView().clone();
    double[] smoothed = state.smoothedView().clone();
    double[] recent = state.recentView().clone();
    long count = state.count();
    int warmup = condition.warmupPoints();
    if (count < warmup) {
      for (int i = 0; i < m; i++) {
        // Welford's update, saturating: a sum of squares past the largest double stays there.
        double delta = Finite.minus(x[i], means[i]);
        means[i] = Finite.meanWith(means[i], x[i], count + 1);
        squares[i] = Finite.plus(squares[i], Finite.times(delta, Finite.minus(x[i], means[i])));
      }
      return new Signal.Step(
          new DeviationIndexState(count + 1, means, squares, smoothed, recent), Signal.unknown());
    }
    double weight = Baselines.smoothingWeight(condition.smoothingHalfLife());
    double total = 0;
    for (int i = 0; i < m; i++) {
      double sd = Math.sqrt(squares[i] / (warmup - 1));
      double z = Baselines.deviation(x[i], means[i], Math.max(sd, condition.floor(i)));
      smoothed[i] = count == warmup ? z : Finite.toward(smoothed[i], z, weight);
      total +=
          condition.aggregate() == DeviationIndexCondition.Aggregate.RMS
              ? smoothed[i] * smoothed[i]
              : Math.abs(smoothed[i]);
    }
    double index =
        condition.aggregate() == DeviationIndexCondition.Aggregate.RMS
            ? Math.sqrt(total / m)
            : total / m;
    long after = count - warmup;
    if (recent.length > 0) {
      recent[(int) (after % recent.length)] = index;
    }
    DeviationIndexState next = new DeviationIndexState(count + 1, means, squares, smoothed, recent);
    Map<String, Double> evidence = new LinkedHashMap<>();
    evidence.put("index", index);
    evidence.put("k", condition.k());
    if (condition.forecast() == null) {
      return new Signal.Step(next, level(condition, index, evidence));
    }
    if (after + 1 < recent.length) {
      return new Signal.Step(next, Signal.unknown());
    }
    return new Signal.Step(next, forecast(condition, recent, after, index, evidence));
  }

  private static Signal level(
      DeviationIndexCondition condition, double index, Map<String, Double> evidence) {
    String now = Summaries.number(index);
    if (index > condition.k()) {
      return Signal.of(
          ConditionStatus.HOLDS,
          evidence,
          "deviation index above " + Summaries.number(condition.k()),
          "now " + now);
    }
    if (index <= condition.clearK()) {
      return Signal.of(
          ConditionStatus.CLEARS,
          evidence,
          "deviation index back to "
              + now
              + " (clear at "
              + Summaries.number(condition.clearK())
              + ")",
          "");
    }
    return Signal.of(ConditionStatus.NEUTRAL, evidence, "deviation index " + now, "");
  }

  private static Signal forecast(
      DeviationIndexCondition condition,
      double[] recent,
      long after,
      double index,
      Map<String, Double> evidence) {
    DeviationIndexCondition.IndexForecast forecast = condition.forecast();
    int n = recent.length;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int j = 0; j < n; j++) {
      xs[j] = j;
      // Oldest first: the newest value sits at slot after % n.
      ys[j] = recent[(int) ((after + 1 + j) % n)];
    }
    TheilSen.Fit fit = TheilSen.fit(xs, ys);
    double now = fit.intercept() + fit.slope() * (n - 1);
    double eta =
        fit.slope() > forecast.minSlope()
            ? (forecast.limit() - now) / fit.slope()
            : Double.POSITIVE_INFINITY;
    boolean heading = now >= forecast.limit() || eta <= forecast.horizon();
    evidence.put("fitted_index", now);
    evidence.put("slope_per_reading", fit.slope());
    evidence.put("limit", forecast.limit());
    if (Double.isFinite(eta)) {
      evidence.put("eta_readings", Math.max(0, eta));
    }
    String detail = "now " + Summaries.number(now) + ", index " + Summaries.number(index);
    if (now > condition.k() && heading) {
      String text =
          now >= forecast.limit()
              ? "deviation index at or past " + Summaries.number(forecast.limit())
              : "deviation index rising toward "
                  + Summaries.number(forecast.limit())
                  + " (in about "
                  + Summaries.number(Math.max(0, eta))
                  + " readings)";
      return Signal.of(ConditionStatus.HOLDS, evidence, text, detail);
    }
    if (now <= condition.clearK() || !heading) {
      return Signal.of(
          ConditionStatus.CLEARS,
          evidence,
          "deviation index "
              + Summaries.number(now)
              + " and not heading for "
              + Summaries.number(forecast.limit()),
          "");
    }
    return Signal.of(
        ConditionStatus.NEUTRAL, evidence, "deviation index " + Summaries.number(now), "");
  }
}
