package dev.forewarn.rules;

import java.time.Duration;

/**
 * Holds while a metric has drifted more than {@code k} spreads from the device's own learned
 * baseline, so one rule fits devices (and data sets) of very different scale and noise. During the
 * warm-up it only learns. The baseline's centre is an exponentially weighted mean and its spread an
 * exponentially weighted mean absolute deviation scaled by √(π/2) (the standard deviation for
 * Gaussian noise), both with a half-life of {@code halfLifePoints} readings; the spread never goes
 * under {@code max(minSpread, minRelativeSpread × |centre|)}, so a flat series does not fire on a
 * tiny change. What is compared is the input smoothed over {@code smoothingPoints} readings (an
 * exponential moving average with that span), so single spikes do not fire unless smoothing is 1.
 * It is clear once the smoothed value is back within {@code clearK} spreads.
 *
 * @param metric the metric name in readings
 * @param side which deviations count
 * @param k how many spreads away holds; more than zero
 * @param clearK within how many spreads it is clear; more than zero and at most {@code k}
 * @param halfLifePoints readings after which an old reading weighs half as much, 1 or more
 * @param warmupPoints readings learned before it judges, 2 or more
 * @param warmupDuration how long it learns at least before it judges (both must be met)
 * @param smoothingPoints span of the input's moving average, 1 (none) or more
 * @param minSpread the smallest spread used, in metric units, zero or more
 * @param minRelativeSpread the smallest spread as a fraction of |centre|, zero or more
 * @param freezeWhileDeviating when true the baseline does not learn from readings that are beyond
 *     {@code k} spreads, or while the smoothed value is beyond {@code clearK}, so it does not
 *     absorb the fault it should report
 */
public record BaselineDriftCondition(
    String metric,
    DriftSide side,
    double k,
    double clearK,
    int halfLifePoints,
    int warmupPoints,
    Duration warmupDuration,
    int smoothingPoints,
    double minSpread,
    double minRelativeSpread,
    boolean freezeWhileDeviating)
    implements Condition {

  /** The type name in rule documents. */
  public static final String TYPE = "baseline-drift";

  public BaselineDriftCondition {
    RuleChecks.metric(metric);
    RuleChecks.present(side, "side");
    RuleChecks.positive(k, "k");
    RuleChecks.positive(clearK, "clearK");
    if (clearK > k) {
      throw new RuleValidationException("clearK", "must be at most k (" + k + "), got " + clearK);
    }
    RuleChecks.atLeast(halfLifePoints, 1, "halfLifePoints");
    RuleChecks.atLeast(warmupPoints, 2, "warmupPoints");
    RuleChecks.notNegative(warmupDuration, "warmupDuration");
    RuleChecks.atLeast(smoothingPoints, 1, "smoothingPoints");
    RuleChecks.notNegative(minSpread, "minSpread");
    RuleChecks.notNegative(minRelativeSpread, "minRelativeSpread");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
