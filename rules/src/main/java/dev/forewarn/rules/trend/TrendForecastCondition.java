package dev.forewarn.rules.trend;

import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.document.RuleChecks;
import dev.forewarn.rules.document.RuleValidationException;
import java.time.Duration;

/**
 * Forecasts when a metric will cross a limit and holds while that time is within {@code horizon}.
 * The readings of the last {@code window} go into {@code buckets} equal time buckets (count and
 * mean), so the state does not grow with the reading rate; a Theil–Sen line (median of pairwise
 * slopes, robust to outliers) through the bucket means gives the slope and the level now, and from
 * them the estimated time of arrival (ETA) at the limit. A metric already at or past the limit has
 * an ETA of now.
 *
 * <p>It holds when the window has at least 3 filled buckets and {@code minPointsInWindow} readings,
 * the fit's R² is at least {@code minFit}, the confidence at least {@code minConfidence}, and the
 * ETA within {@code horizon}. It is clear when the line does not head for the limit, the fit or
 * confidence is too poor, or the ETA lies beyond {@code clearHorizon}; between the two horizons it
 * is neither. With too few readings it has no verdict. Confidence, in [0, 1], is R² × the agreement
 * of the pairwise slopes on the direction (2p − 1 for a share p heading toward the limit) × the
 * share of buckets with readings.
 *
 * @param metric the metric name in readings
 * @param direction {@code above}: rising toward a limit above; {@code below}: falling toward one
 *     below
 * @param limit the absolute limit, or null when {@code learnedLimit} is given
 * @param learnedLimit a limit relative to the device's own baseline, or null when {@code limit} is
 *     given; exactly one of the two
 * @param horizon how soon the crossing must be forecast to hold; more than zero
 * @param clearHorizon beyond which forecast it is clear; at least {@code horizon}
 * @param window how far back the fit looks, at least {@code buckets} seconds
 * @param buckets time buckets over the window, 3 to {@value RuleChecks#MAX_BUCKETS}
 * @param minPointsInWindow readings needed in the window, 3 or more
 * @param minFit the least R² of the line through the bucket means, in [0, 1]
 * @param minConfidence the least confidence, in [0, 1]
 * @param etaChange how far the ETA must move, as a fraction of the time that was left until the
 *     last reported ETA (at least one bucket), for an open case to be updated; more than zero
 * @param escalateWithin when the ETA comes this close, the case becomes critical (an update if it
 *     was open with a lower severity); null for never
 */
public record TrendForecastCondition(
    String metric,
    Direction direction,
    Double limit,
    LearnedLimit learnedLimit,
    Duration horizon,
    Duration clearHorizon,
    Duration window,
    int buckets,
    int minPointsInWindow,
    double minFit,
    double minConfidence,
    double etaChange,
    Duration escalateWithin)
    implements Condition {

  /** The type name in rule documents. */
  public static final String TYPE = "trend-forecast";

  public TrendForecastCondition {
    RuleChecks.metric(metric);
    RuleChecks.present(direction, "direction");
    if ((limit == null) == (learnedLimit == null)) {
      throw new RuleValidationException(
          "limit", "give exactly one of limit (a number) and learnedLimit (an object)");
    }
    if (limit != null) {
      RuleChecks.finite(limit, "limit");
    }
    RuleChecks.horizons(horizon, clearHorizon);
    RuleChecks.window(window, buckets, 3);
    RuleChecks.atLeast(minPointsInWindow, 3, "minPointsInWindow");
    RuleChecks.fraction(minFit, "minFit");
    RuleChecks.fraction(minConfidence, "minConfidence");
    RuleChecks.positive(etaChange, "etaChange");
    if (escalateWithin != null) {
      RuleChecks.positive(escalateWithin, "escalateWithin");
    }
  }

  @Override
  public String type() {
    return TYPE;
  }
}
