package dev.forewarn.rules.index;

import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.document.JsonPaths;
import dev.forewarn.rules.document.RuleChecks;
import dev.forewarn.rules.document.RuleValidationException;
import java.util.List;
import java.util.Map;

/**
 * One number for how far a device has moved from its own early normal over many metrics at once,
 * sign-free, so faults that push metrics either way are seen alike. During the warm-up (the first
 * {@code warmupPoints} readings carrying every metric) it learns each metric's mean and sample
 * standard deviation, then freezes them. Afterwards each metric's z-score {@code (x − mean) /
 * max(sd, floor)} is smoothed with a half-life of {@code smoothingHalfLife} readings, and the index
 * is their root mean square ({@code rms}, a normalised diagonal Hotelling T²) or mean absolute
 * value. Without a forecast it holds above {@code k} and is clear at or below {@code clearK}. With
 * a {@code forecast} the index's recent trend gates it: see {@link IndexForecast}. A reading that
 * lacks one of the metrics is ignored.
 *
 * @param metrics 1 to {@value #MAX_METRICS} metric names
 * @param warmupPoints readings learned before judging, 2 or more
 * @param minSpread the floor on every metric's standard deviation, zero or more
 * @param minSpreads per-metric floors (a metric's resolution or quantisation step), overriding
 *     {@code minSpread}; names must be among {@code metrics}
 * @param smoothingHalfLife half-life of the z-scores' moving average, in readings; 0 is none
 * @param aggregate how the z-scores combine
 * @param k the index above which it holds (with a forecast, the level floor on the fitted index)
 * @param clearK at or below which it is clear; more than zero and at most {@code k}
 * @param forecast the trend gate, or null
 */
public record DeviationIndexCondition(
    List<String> metrics,
    int warmupPoints,
    double minSpread,
    Map<String, Double> minSpreads,
    double smoothingHalfLife,
    Aggregate aggregate,
    double k,
    double clearK,
    IndexForecast forecast)
    implements Condition {

  /** The type name in rule documents. */
  public static final String TYPE = "deviation-index";

  /** The most metrics one index may combine, which bounds the state. */
  public static final int MAX_METRICS = 32;

  /** How the metrics' smoothed z-scores combine into the index. */
  public enum Aggregate {
    /** The root mean square: weights the metrics that moved most. */
    RMS,
    /** The mean absolute value. */
    MEAN_ABS
  }

  /**
   * A trend gate on the index: a Theil–Sen line through its last {@code window} values (one per
   * reading). With {@code now} the line's value at the newest reading and {@code eta} the readings
   * until it reaches {@code limit} (infinite unless the slope exceeds {@code minSlope} per
   * reading), the condition holds when {@code now > k} and ({@code now ≥ limit} or {@code eta ≤
   * horizon}), is clear when {@code now ≤ clearK} or ({@code now < limit} and {@code eta >
   * horizon}), and is unknown until the window is full.
   *
   * @param window index values fitted, 3 to {@value RuleChecks#MAX_BUCKETS}
   * @param limit the index level forecast, more than zero
   * @param horizon readings ahead within which a forecast crossing holds, 1 or more
   * @param minSlope the least slope per reading that counts as heading for the limit, zero or more
   */
  public record IndexForecast(int window, double limit, int horizon, double minSlope) {
    public IndexForecast {
      RuleChecks.atLeast(window, 3, "forecast.window");
      if (window > RuleChecks.MAX_BUCKETS) {
        throw new RuleValidationException(
            "forecast.window", "must be at most " + RuleChecks.MAX_BUCKETS + ", got " + window);
      }
      RuleChecks.positive(limit, "forecast.limit");
      RuleChecks.atLeast(horizon, 1, "forecast.horizon");
      RuleChecks.notNegative(minSlope, "forecast.minSlope");
    }
  }

  public DeviationIndexCondition {
    RuleChecks.oneTo(metrics, MAX_METRICS, "metrics", "metrics");
    metrics = List.copyOf(metrics);
    for (int i = 0; i < metrics.size(); i++) {
      RuleChecks.word(metrics.get(i), JsonPaths.element("metrics", i), "metric");
      if (metrics.indexOf(metrics.get(i)) != i) {
        throw new RuleValidationException(
            JsonPaths.element("metrics", i), "appears twice: " + metrics.get(i));
      }
    }
    RuleChecks.atLeast(warmupPoints, 2, "warmupPoints");
    RuleChecks.notNegative(minSpread, "minSpread");
    minSpreads = minSpreads == null ? Map.of() : Map.copyOf(minSpreads);
    for (Map.Entry<String, Double> floor : minSpreads.entrySet()) {
      String field = JsonPaths.child("minSpreads", floor.getKey());
      if (!metrics.contains(floor.getKey())) {
        throw new RuleValidationException(field, "is not one of the metrics");
      }
      RuleChecks.notNegative(floor.getValue(), field);
    }
    RuleChecks.notNegative(smoothingHalfLife, "smoothingHalfLife");
    RuleChecks.present(aggregate, "aggregate");
    RuleChecks.positive(k, "k");
    RuleChecks.positive(clearK, "clearK");
    if (clearK > k) {
      throw new RuleValidationException("clearK", "must be at most k (" + k + "), got " + clearK);
    }
  }

  /** The spread floor of metric {@code i}. */
  double floor(int i) {
    return minSpreads.getOrDefault(metrics.get(i), minSpread);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
