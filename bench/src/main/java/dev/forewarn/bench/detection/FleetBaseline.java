package dev.forewarn.bench.detection;

import dev.forewarn.rules.life.RemainingLifeCondition.IndexMetric;
import dev.forewarn.rules.life.RemainingLifeCondition.Worse;
import java.util.List;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The healthy level of each candidate metric as the fleet taught it: its centre (the mean over
 * every engine's first {@code warmup} readings) and spread (the root of the mean over engines of
 * their warm-up sample variance, so that differences between engines, which the index's {@code
 * initial} term models, do not inflate it).
 *
 * @param metrics the candidate metrics, in the document's order
 * @param centres each metric's centre
 * @param spreads each metric's spread, more than zero
 */
record FleetBaseline(List<String> metrics, double[] centres, double[] spreads) {

  FleetBaseline {
    metrics = List.copyOf(metrics);
    centres = centres.clone();
    spreads = spreads.clone();
  }

  /** Learns every metric's centre and spread from the engines' first {@code warmup} readings. */
  static FleetBaseline learn(List<Engine> engines, List<String> metrics, int warmup) {
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
    double[] centres = new double[metrics.size()];
    double[] spreads = new double[metrics.size()];
    for (int m = 0; m < metrics.size(); m++) {
      double centre = 0;
      double variance = 0;
      for (Engine engine : engines) {
        double[] early = new double[warmup];
        for (int i = 0; i < warmup; i++) {
          early[i] = engine.value(i, metrics.get(m));
        }
        centre += StatUtils.mean(early) / engines.size();
        variance += StatUtils.variance(early) / engines.size();
      }
      spreads[m] = Math.sqrt(variance);
      if (!(spreads[m] > 0)) {
        throw new IllegalArgumentException(
            metrics.get(m)
                + ": no spread over the engines' warm-up readings, so it cannot be scaled");
      }
      centres[m] = centre;
    }
    return new FleetBaseline(metrics, centres, spreads);
  }

  /** The metrics of one reading, each in spreads from its centre (positive above it). */
  double[] scores(Engine engine, int index) {
    double[] z = new double[metrics.size()];
    for (int m = 0; m < z.length; m++) {
      z[m] = (engine.value(index, metrics.get(m)) - centres[m]) / spreads[m];
    }
    return z;
  }

  /**
   * Metric {@code m} of an index: worse on the side of its coefficient's sign, weighted by its
   * size.
   */
  IndexMetric metric(int m, double coefficient, double weight) {
    return new IndexMetric(
        metrics.get(m), centres[m], spreads[m], coefficient > 0 ? Worse.UP : Worse.DOWN, weight);
  }
}
