package dev.forewarn.bench.detection;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.Scope;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.life.RemainingLifeCondition;
import dev.forewarn.rules.life.RemainingLifeCondition.LifeModel;
import dev.forewarn.rules.life.RemainingLifeState;
import dev.forewarn.rules.lifecycle.Lifecycle;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Fits the remaining-life condition to a fleet run to failure. Each engine is replayed as the
 * condition would see it (index, smoothed index, warm-up mean, age), and the model is the ordinary
 * least squares of the true remaining life on those, over the readings the horizon cares about.
 */
final class RemainingLifeFit {

  /** Readings each engine spends learning its initial level; the condition is silent meanwhile. */
  static final int WARMUP_POINTS = 30;

  /** Half-life of the index's moving average, in readings. */
  static final double SMOOTHING_HALF_LIFE = 10;

  /** The unit of age and remaining life: one C-MAPSS cycle is one hour of event time. */
  static final Duration UNIT = Cmapss.CYCLE;

  /**
   * The remaining lives fitted, inclusive. The model only has to be right around the horizon (about
   * 100 cycles): far from failure remaining life barely shows in the sensors, and those readings
   * would bend the fit where it matters.
   */
  static final double MIN_LIFE = 60;

  static final double MAX_LIFE = 150;

  private static final int PARAMETERS = 5;

  private RemainingLifeFit() {}

  static RemainingLifeCalibration fit(List<Reading> readings, List<String> metrics) {
    return fit(Engine.of(readings), metrics, 0, false);
  }

  /**
   * Fits on the engines; the metrics that move the same way in fewer than {@code consistency} of
   * them are left out, or, with {@code eitherWay}, count by their distance from the centre.
   */
  static RemainingLifeCalibration fit(
      List<Engine> engines, List<String> metrics, double consistency, boolean eitherWay) {
    FleetBaseline baseline =
        FleetBaseline.learn(engines, metrics, WARMUP_POINTS, UNIT, consistency, eitherWay);
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (Engine engine : engines) {
      rows(engine, baseline, x, y);
    }
    if (y.size() < 2 * PARAMETERS) {
      throw new IllegalArgumentException(
          y.size()
              + " readings after the warm-up with a remaining life in ["
              + MIN_LIFE
              + ", "
              + MAX_LIFE
              + "], too few to fit "
              + PARAMETERS
              + " coefficients");
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.newSampleData(
        y.stream().mapToDouble(Double::doubleValue).toArray(), x.toArray(double[][]::new));
    try {
      return new RemainingLifeCalibration(
          baseline,
          model(ols.estimateRegressionParameters()),
          engines.size(),
          y.size(),
          ols.calculateRSquared());
    } catch (SingularMatrixException e) {
      throw new IllegalArgumentException(
          "drift, initial, age and age² are collinear over the fitted readings"
              + " (too few engines, or engines alike): no unique fit");
    }
  }

  /** The model from the least-squares parameters on {@code [1, drift, initial, age, age²]}. */
  private static LifeModel model(double[] p) {
    return new LifeModel(p[0], p[1], p[2], p[3], p[4]);
  }

  /**
   * Adds an engine's fitted readings: regressors {@code [drift, initial, age, age²]} to x, read
   * from the state of the very condition the rule document will hold (with a model that does not
   * matter yet), so that the fit sees the index exactly as the evaluator computes it.
   */
  private static void rows(
      Engine engine, FleetBaseline baseline, List<double[]> x, List<Double> y) {
    Rule probe =
        new Rule(
            "calibration",
            1,
            "calibration",
            Scope.ALL,
            Severity.INFO,
            new RemainingLifeCondition(
                baseline.metrics(),
                WARMUP_POINTS,
                SMOOTHING_HALF_LIFE,
                UNIT,
                null,
                new LifeModel(0, 0, 0, 0, 0),
                UNIT,
                UNIT,
                1),
            Lifecycle.IMMEDIATE);
    RuleState state = Evaluators.initialState(probe);
    for (int i = 0; i < engine.readings().size(); i++) {
      state = Evaluators.evaluate(probe, state, engine.readings().get(i)).state();
      RemainingLifeState index = (RemainingLifeState) state.condition();
      double life = engine.remainingLife(i, UNIT);
      if (i >= WARMUP_POINTS && life >= MIN_LIFE && life <= MAX_LIFE) {
        double initial = index.warmupSum() / WARMUP_POINTS;
        double age = engine.age(i, UNIT);
        x.add(new double[] {index.smoothed() - initial, initial, age, age * age});
        y.add(life);
      }
    }
  }
}
