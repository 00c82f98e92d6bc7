package dev.forewarn.bench.detection;

import dev.forewarn.rules.life.RemainingLifeCondition.IndexMetric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * A health index learned from a fleet run to failure: the least-squares fit of wear, {@code cap −
 * min(remaining life, cap)}, on every metric in spreads from its centre, over every reading of
 * every engine. Remaining life beyond {@code cap} counts as healthy, the usual reading of C-MAPSS
 * (an engine is taken to wear only over its last 125 or so cycles). Each metric's coefficient gives
 * its side (the sign) and its weight (the size), so metrics that one fault mode pushes up and
 * another down weigh little in a fleet fitted as one, and as much as they tell within a mode.
 */
final class HealthIndex {

  private HealthIndex() {}

  /**
   * The index's metrics: every metric with a non-zero coefficient, worse on its coefficient's side,
   * weighted so that the weights average 1 (the index is {@code Σ coefficient × z / Σ
   * |coefficient|}).
   */
  static List<IndexMetric> fit(
      List<Engine> engines, FleetBaseline baseline, double cap, Duration unit) {
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (Engine engine : engines) {
      for (int i = 0; i < engine.readings().size(); i++) {
        x.add(baseline.scores(engine, i));
        y.add(cap - Math.min(engine.remainingLife(i, unit), cap));
      }
    }
    int metrics = baseline.metrics().size();
    if (y.size() <= metrics + 1) {
      throw new IllegalArgumentException(
          y.size() + " readings are too few to weigh " + metrics + " metrics");
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.newSampleData(
        y.stream().mapToDouble(Double::doubleValue).toArray(), x.toArray(double[][]::new));
    double[] coefficients;
    try {
      coefficients = ols.estimateRegressionParameters();
    } catch (SingularMatrixException e) {
      throw new IllegalArgumentException(
          "the metrics " + baseline.metrics() + " are collinear over the fleet: no unique weights");
    }
    double total = 0;
    for (int m = 0; m < metrics; m++) {
      total += Math.abs(coefficients[m + 1]);
    }
    if (!(total > 0) || !Double.isFinite(total)) {
      throw new IllegalArgumentException("no metric of " + baseline.metrics() + " follows wear");
    }
    List<IndexMetric> index = new ArrayList<>();
    for (int m = 0; m < metrics; m++) {
      double coefficient = coefficients[m + 1];
      if (coefficient != 0) {
        index.add(baseline.metric(m, coefficient, Math.abs(coefficient) / total));
      }
    }
    // Weights that average 1 over the index's metrics, as an unweighted index's do.
    List<IndexMetric> scaled = new ArrayList<>();
    for (IndexMetric metric : index) {
      scaled.add(
          new IndexMetric(
              metric.metric(),
              metric.centre(),
              metric.spread(),
              metric.worse(),
              metric.weight() * index.size()));
    }
    return scaled;
  }
}
