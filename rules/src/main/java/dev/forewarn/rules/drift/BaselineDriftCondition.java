package dev.forewarn.rules.drift;

import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.document.RuleChecks;
import dev.forewarn.rules.document.RuleValidationException;
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
 * @param input the value, or its first difference (the first reading then only learns the value)
 * @param halfLife when set, the baseline learns in event time instead: see {@link #eventTime()};
 *     null keeps the half-life in readings
 * @param spreadHalfLife the spread's own event-time half-life; null means {@code halfLife}
 * @param smoothing the event-time half-life of the input's moving average; zero or null is none
 * @param seasonality a centre per bucket of a repeating period, or null for one centre; needs
 *     {@code halfLife}
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
    boolean freezeWhileDeviating,
    DriftInput input,
    Duration halfLife,
    Duration spreadHalfLife,
    Duration smoothing,
    Seasonality seasonality)
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
    RuleChecks.present(input, "input");
    if (halfLife != null) {
      RuleChecks.positive(halfLife, "halfLife");
    }
    needsEventTime(spreadHalfLife, "spreadHalfLife", halfLife);
    needsEventTime(smoothing, "smoothing", halfLife);
    needsEventTime(seasonality, "seasonality", halfLife);
    if (spreadHalfLife != null) {
      RuleChecks.positive(spreadHalfLife, "spreadHalfLife");
    }
    if (smoothing != null) {
      RuleChecks.notNegative(smoothing, "smoothing");
    }
    if (halfLife != null) {
      // One written form per meaning, so a document reads back equal.
      spreadHalfLife = spreadHalfLife == null ? halfLife : spreadHalfLife;
      smoothing = smoothing == null ? Duration.ZERO : smoothing;
    }
  }

  /** A baseline with a half-life in readings, on the value, as before event-time options. */
  public BaselineDriftCondition(
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
      boolean freezeWhileDeviating) {
    this(
        metric,
        side,
        k,
        clearK,
        halfLifePoints,
        warmupPoints,
        warmupDuration,
        smoothingPoints,
        minSpread,
        minRelativeSpread,
        freezeWhileDeviating,
        DriftInput.VALUE,
        null,
        null,
        null,
        null);
  }

  /**
   * Whether the baseline learns in event time ({@code halfLife} set). Then a reading {@code dt}
   * after the previous one (at least a second) weighs {@code max(1/n, 1 − 2^(−dt/halfLife))},
   * {@code n} counting the readings learned, so irregular sampling is weighted by the time it
   * covers; the input is smoothed with {@code smoothing} the same way; the centre and the spread
   * learn the smoothed input; and freezing skips only readings beyond {@code k}. With seasonality a
   * bucket is visited a fraction 1/B of the time, so its centre uses {@code dt × B}: {@code
   * halfLife} is then the centre's half-life in calendar time. The first reading of a bucket only
   * sets its centre.
   */
  public boolean eventTime() {
    return halfLife != null;
  }

  /** The spread's half-life in event time: {@code spreadHalfLife}, else {@code halfLife}. */
  public Duration spreadOrCentreHalfLife() {
    return spreadHalfLife != null ? spreadHalfLife : halfLife;
  }

  /** Buckets of the event-time centre: the seasonality's, or one. */
  int centreBuckets() {
    return seasonality == null ? 1 : seasonality.buckets();
  }

  private static void needsEventTime(Object value, String field, Duration halfLife) {
    if (value != null && halfLife == null) {
      throw new RuleValidationException(field, "needs halfLife (a duration) to be set");
    }
  }

  @Override
  public String type() {
    return TYPE;
  }
}
