package dev.forewarn.rules.rate;

import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.document.RuleChecks;
import java.time.Duration;

/**
 * Holds while a metric changes faster than {@code limit} per {@code per} over the last {@code
 * window}. The change is the Theil–Sen slope (median of pairwise slopes, robust to single spikes)
 * over the means of {@code buckets} equal time buckets covering the window, so the state stays the
 * same size whatever the reading rate.
 *
 * @param metric the metric name in readings
 * @param direction {@code above}: the rate must exceed {@code limit} (rising too fast for a
 *     positive limit); {@code below}: the rate must fall under {@code limit} (falling too fast for
 *     a negative one)
 * @param limit the rate limit, in metric units per {@code per}
 * @param clearLimit the rate at which it is clear; on the good side of limit or equal to it
 * @param per the time unit of the rate
 * @param window how far back the rate looks, at least {@code buckets} seconds
 * @param buckets time buckets over the window, 2 to {@value RuleChecks#MAX_BUCKETS}
 * @param minPointsInWindow readings needed in the window before the rate counts, 2 or more
 */
public record RateOfChangeCondition(
    String metric,
    Direction direction,
    double limit,
    double clearLimit,
    RateUnit per,
    Duration window,
    int buckets,
    int minPointsInWindow)
    implements Condition {

  /** The type name in rule documents. */
  public static final String TYPE = "rate-of-change";

  public RateOfChangeCondition {
    RuleChecks.metric(metric);
    RuleChecks.present(direction, "direction");
    RuleChecks.finite(limit, "limit");
    RuleChecks.finite(clearLimit, "clearLimit");
    RuleChecks.goodSide(direction, limit, clearLimit, "limit", "clearLimit");
    RuleChecks.present(per, "per");
    RuleChecks.window(window, buckets, 2);
    RuleChecks.atLeast(minPointsInWindow, 2, "minPointsInWindow");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
