package dev.forewarn.bench.detection;

import dev.forewarn.rules.life.RemainingLifeCondition.IndexMetric;
import dev.forewarn.rules.life.RemainingLifeCondition.Worse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * The metrics of the degradation index as the fleet taught them: centres and spreads from every
 * engine's warm-up, directions from how each metric moves with age over the whole fleet.
 *
 * @param metrics one per metric of the index, in its order
 */
record FleetBaseline(List<IndexMetric> metrics) {

  FleetBaseline {
    metrics = List.copyOf(metrics);
  }

  /**
   * Learns each metric's centre (the mean over all engines' first {@code warmup} readings), spread
   * (the root of the mean over engines of their warm-up sample variance, so that differences
   * between engines, which the index's {@code initial} term models, do not inflate it) and
   * direction (the sign of the pooled correlation between the metric and age over every reading of
   * every engine; age is cycle − 1, so this is the correlation with cycle).
   */
  static FleetBaseline learn(
      List<Engine> engines, List<String> metrics, int warmup, Duration unit) {
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
      scaled.add(new IndexMetric(metric, centre, spread, worse(metric, values, ages)));
    }
    return new FleetBaseline(scaled);
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
