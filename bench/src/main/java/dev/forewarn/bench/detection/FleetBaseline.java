package dev.forewarn.bench.detection;

import dev.forewarn.rules.life.RemainingLifeCondition.IndexMetric;
import dev.forewarn.rules.life.RemainingLifeCondition.Worse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * The metrics of the degradation index as the fleet taught them: centres and spreads from every
 * engine's warm-up, directions from how each metric moves with age over the whole fleet.
 *
 * @param metrics one per metric of the index, in its order
 */
record FleetBaseline(List<IndexMetric> metrics, Map<String, Double> leftOut) {

  FleetBaseline {
    metrics = List.copyOf(metrics);
    leftOut = Collections.unmodifiableMap(new LinkedHashMap<>(leftOut));
  }

  /** Every metric, whatever its consistency. */
  static FleetBaseline learn(
      List<Engine> engines, List<String> metrics, int warmup, Duration unit) {
    return learn(engines, metrics, warmup, unit, 0, false);
  }

  /**
   * Learns each metric's centre (the mean over all engines' first {@code warmup} readings), spread
   * (the root of the mean over engines of their warm-up sample variance, so that differences
   * between engines, which the index's {@code initial} term models, do not inflate it) and
   * direction (the sign of the pooled correlation between the metric and age over every reading of
   * every engine; age is cycle − 1, so this is the correlation with cycle).
   */
  static FleetBaseline learn(
      List<Engine> engines,
      List<String> metrics,
      int warmup,
      Duration unit,
      double consistency,
      boolean eitherWay) {
    for (Engine engine : engines) {
      if (engine.readings().size() < warmup) {
        throw new IllegalArgumentException(
            engine.deviceId()
                + ": "
                + engine.readings().size()
                + " readings, fewer than the "
                + warmup
                + " of the warm-up");
      }
    }
    List<IndexMetric> scaled = new ArrayList<>();
    Map<String, Double> leftOut = new LinkedHashMap<>();
    for (String metric : metrics) {
      double centre = 0;
      double variance = 0;
      List<Double> values = new ArrayList<>();
      List<Double> ages = new ArrayList<>();
      for (Engine engine : engines) {
        double[] early = new double[warmup];
        for (int i = 0; i < engine.readings().size(); i++) {
          double value = engine.value(i, metric);
          if (i < warmup) {
            early[i] = value;
          }
          values.add(value);
          ages.add(engine.age(i, unit));
        }
        centre += StatUtils.mean(early) / engines.size();
        variance += StatUtils.variance(early) / engines.size();
      }
      double spread = Math.sqrt(variance);
      requireSpread(metric, spread);
      Worse worse = worse(metric, values, ages);
      double share = agreement(engines, metric, unit, worse);
      if (share < consistency) {
        leftOut.put(metric, share);
        if (eitherWay) {
          scaled.add(new IndexMetric(metric, centre, spread, Worse.EITHER));
        }
        continue;
      }
      scaled.add(new IndexMetric(metric, centre, spread, worse));
    }
    if (scaled.isEmpty()) {
      throw new IllegalArgumentException(
          "no metric moves the same way in at least "
              + Math.round(100 * consistency)
              + "% of the engines: "
              + leftOut);
    }
    return new FleetBaseline(scaled, leftOut);
  }

  /**
   * The share of engines in which the metric moves with age the way the fleet's direction says: a
   * metric that one fault mode pushes up and another down (FD003's s7, s12, s20, s21) has a share
   * near one half, and its sign would mislead the index on the other mode's engines.
   */
  private static double agreement(List<Engine> engines, String metric, Duration unit, Worse worse) {
    int agree = 0;
    for (Engine engine : engines) {
      double[] values = new double[engine.readings().size()];
      double[] ages = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = engine.value(i, metric);
        ages[i] = engine.age(i, unit);
      }
      double correlation =
          values.length < 3 ? 0 : new PearsonsCorrelation().correlation(values, ages);
      agree += (worse == Worse.UP ? correlation > 0 : correlation < 0) ? 1 : 0;
    }
    return (double) agree / engines.size();
  }

  /** Refuses a metric that cannot be scaled, which would make every index infinite. */
  private static void requireSpread(String metric, double spread) {
    if (!(spread > 0)) {
      throw new IllegalArgumentException(
          metric + ": no spread over the engines' warm-up readings, so it cannot be scaled");
    }
  }

  private static Worse worse(String metric, List<Double> values, List<Double> ages) {
    double correlation =
        new PearsonsCorrelation()
            .correlation(
                values.stream().mapToDouble(Double::doubleValue).toArray(),
                ages.stream().mapToDouble(Double::doubleValue).toArray());
    if (Double.isNaN(correlation) || correlation == 0) {
      throw new IllegalArgumentException(
          metric + ": does not move with age over the fleet, so its direction is unknown");
    }
    return correlation > 0 ? Worse.UP : Worse.DOWN;
  }
}
