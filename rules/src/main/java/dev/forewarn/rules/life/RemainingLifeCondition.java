package dev.forewarn.rules.life;

import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.document.JsonPaths;
import dev.forewarn.rules.document.RuleChecks;
import dev.forewarn.rules.document.RuleValidationException;
import dev.forewarn.rules.index.DeviationIndexCondition;
import dev.forewarn.rules.stats.Baselines;
import java.time.Duration;
import java.util.List;

/**
 * An estimate of a device's remaining life from a model calibrated on a fleet's run-to-failure
 * history, holding while that estimate is within {@code horizon}. Each reading gives a health
 * index: the mean over {@code metrics} of {@code sign × (x − centre) / spread}, where centre and
 * spread are the fleet's healthy level and spread of the metric and the sign makes "worse"
 * positive. The index is smoothed with a half-life of {@code smoothingHalfLife} readings; the mean
 * of the raw index over the device's first {@code warmupPoints} readings is its {@code initial}
 * level (its wear when first seen), and the smoothed index minus that level is its {@code drift}.
 * With {@code age} the event time since the device's first reading in {@code unit}s (or, with
 * {@code ageMetric}, that metric's value, such as an operating-hours counter, for devices first
 * seen part-way through their life), the remaining life in {@code unit}s is the {@link LifeModel}
 * of (drift, initial, age), never below zero. It holds when that life is at most {@code horizon},
 * is clear beyond {@code clearHorizon}, neither in between, and unknown during the warm-up; the
 * verdict carries the ETA (reading time plus the life). A reading that lacks one of the metrics is
 * ignored.
 *
 * <p>The fleet figures and the model come from history (the detection benchmark fits them with
 * {@code ./forewarn bench calibrate}); they describe one kind of device in one operating regime, so
 * a fleet whose devices run under changing conditions needs those normalised first.
 *
 * @param metrics 1 to {@value #MAX_METRICS} metrics with their fleet centre, spread and bad side
 * @param warmupPoints readings averaged into the initial level, 1 or more
 * @param smoothingHalfLife half-life of the index's moving average, in readings; 0 is none
 * @param unit the unit of age and of the model's life, a positive duration
 * @param ageMetric a metric that carries the device's age in units, or null to count age from its
 *     first reading
 * @param model the remaining life in units as a function of drift, initial level and age
 * @param horizon a life at or within this holds, a positive duration
 * @param clearHorizon a life beyond this clears; at least {@code horizon}
 * @param etaChange an open case is updated when the ETA moves by more than this fraction of the
 *     time that was left, more than zero
 */
public record RemainingLifeCondition(
    List<IndexMetric> metrics,
    int warmupPoints,
    double smoothingHalfLife,
    Duration unit,
    String ageMetric,
    LifeModel model,
    Duration horizon,
    Duration clearHorizon,
    double etaChange)
    implements Condition {

  /** The type name in rule documents. */
  public static final String TYPE = "remaining-life";

  /** The most metrics one index may combine, as for a deviation index. */
  public static final int MAX_METRICS = DeviationIndexCondition.MAX_METRICS;

  /**
   * Which way a metric moves as the device wears: up, down, or either way ({@code EITHER}, for a
   * metric that different fault modes push to different sides, whose distance from the centre
   * counts).
   */
  public enum Worse {
    UP,
    DOWN,
    EITHER
  }

  /**
   * One metric of the health index.
   *
   * @param metric the metric's name
   * @param centre its healthy level across the fleet, finite
   * @param spread its healthy spread across the fleet, more than zero
   * @param worse the side it moves to as the device wears
   */
  public record IndexMetric(String metric, double centre, double spread, Worse worse) {
    public IndexMetric {
      RuleChecks.present(metric, "metric");
      RuleChecks.word(metric, "metric", "metric");
      RuleChecks.finite(centre, "centre");
      RuleChecks.positive(spread, "spread");
      RuleChecks.present(worse, "worse");
    }

    /**
     * The metric's signed contribution to the index, in spreads, positive on the bad side; at most
     * a billion either way, so that an absurd reading cannot overflow the index.
     */
    public double score(double value) {
      double z = Baselines.deviation(value, centre, spread);
      return worse == Worse.UP ? z : worse == Worse.DOWN ? -z : Math.abs(z);
    }
  }

  /**
   * Remaining life in units: {@code intercept + drift × d + initial × i + age × a + ageSquared ×
   * a²}. Every coefficient is finite.
   */
  public record LifeModel(
      double intercept, double drift, double initial, double age, double ageSquared) {
    public LifeModel {
      RuleChecks.finite(intercept, "model.intercept");
      RuleChecks.finite(drift, "model.drift");
      RuleChecks.finite(initial, "model.initial");
      RuleChecks.finite(age, "model.age");
      RuleChecks.finite(ageSquared, "model.ageSquared");
    }

    /** The remaining life in units, never below zero. */
    double life(double driftValue, double initialValue, double ageValue) {
      double life =
          intercept
              + drift * driftValue
              + initial * initialValue
              + age * ageValue
              + ageSquared * ageValue * ageValue;
      return Math.max(0, life);
    }
  }

  public RemainingLifeCondition {
    RuleChecks.oneTo(metrics, MAX_METRICS, "metrics", "metrics");
    metrics = List.copyOf(metrics);
    for (int i = 0; i < metrics.size(); i++) {
      String name = metrics.get(i).metric();
      for (int j = 0; j < i; j++) {
        if (metrics.get(j).metric().equals(name)) {
          throw new RuleValidationException(
              JsonPaths.child(JsonPaths.element("metrics", i), "metric"), "appears twice: " + name);
        }
      }
    }
    RuleChecks.atLeast(warmupPoints, 1, "warmupPoints");
    RuleChecks.notNegative(smoothingHalfLife, "smoothingHalfLife");
    RuleChecks.positive(unit, "unit");
    if (ageMetric != null) {
      RuleChecks.word(ageMetric, "ageMetric", "metric");
    }
    RuleChecks.present(model, "model");
    RuleChecks.horizons(horizon, clearHorizon);
    RuleChecks.positive(etaChange, "etaChange");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
