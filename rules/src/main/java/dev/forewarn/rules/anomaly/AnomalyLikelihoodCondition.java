package dev.forewarn.rules.anomaly;

import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.document.RuleChecks;
import dev.forewarn.rules.document.RuleValidationException;
import java.time.Duration;
import java.time.Instant;

/**
 * How unusual a device's recent behaviour is against its own history, as a probability, with an
 * optional alert budget. Each reading of {@code metric} gets a raw anomaly score: its distance from
 * the device's learned level and, with {@code steps}, the distance of its change since the previous
 * reading from the learned changes, both in spreads (mean absolute deviation × √(π/2)) and capped
 * at {@code capSpreads}. The level and the changes are learned with a half-life of {@code
 * halfLifePoints} readings; the level does not learn from a reading beyond {@code freezeSpreads}.
 * The score, averaged with a half-life of {@code averagePoints} readings, is set against the
 * distribution of that average over the device's history (a mean and variance with a half-life of
 * {@code historyPoints} readings): the likelihood is the normal probability of an average no higher
 * than the current one. So one {@code probability} means the same on a quiet sensor and a noisy
 * one, and, with every window in readings, on a series sampled every second or every hour.
 *
 * <p>The condition holds while the likelihood is at or above the device's threshold and is clear
 * below {@code clearProbability}; it is unknown for the first {@code learningPoints} readings. With
 * a {@link Budget}, the threshold is also at least the level the device's own likelihood history
 * exceeded no more often than the budget allows (a quantile of its history so far, once that
 * history covers one budget period), and the condition does not start holding again once it started
 * {@code cases} times within the budget's period: a healthy device then alerts at most as often as
 * the budget says. Give the rule {@code minPoints} 1 and no cooldown, so that every onset is a
 * case.
 *
 * <p>A {@link Range} and a {@link Shift} check hold on their own as well, subject to the same
 * budget: a reading beyond the device's range so far, and a lasting shift of the level that the
 * unsigned score's average is slow to show.
 *
 * @param metric the metric scored
 * @param steps whether the change since the previous reading is scored too
 * @param halfLifePoints half-life of the learned level and changes, in readings, 1 or more
 * @param freezeSpreads the level learns no reading further than this from it, more than zero,
 *     unless such readings have lasted {@code learningPoints} in a row (a new normal)
 * @param capSpreads the largest raw score, more than zero
 * @param averagePoints half-life of the score's average, in readings, 1 or more (1 is none)
 * @param historyPoints half-life of the average's distribution, in readings, 2 or more
 * @param learningPoints readings before the first verdict, 2 or more
 * @param probability the least likelihood that holds, in (0, 1)
 * @param clearProbability a likelihood below this clears, in (0, probability]
 * @param budget how often a device may start holding at most, or null for no budget
 * @param season a cycle in readings whose phases keep centres of their own, or null for none
 * @param scale how the metric is read before scoring; null is {@link Scale#LINEAR}
 * @param averageScale the scale on which the score's average is set against its history: {@link
 *     Scale#LOG} models {@code ln(1 + average)}, whose tail is far lighter than the average's own
 *     on spiky series; null is {@link Scale#LINEAR}
 * @param range a reading beyond the device's range so far also holds, or null for no such check
 * @param shift a lasting shift of the level also holds, or null for no such check
 */
public record AnomalyLikelihoodCondition(
    String metric,
    boolean steps,
    int halfLifePoints,
    double freezeSpreads,
    double capSpreads,
    int averagePoints,
    int historyPoints,
    int learningPoints,
    double probability,
    double clearProbability,
    Budget budget,
    Season season,
    Scale scale,
    Scale averageScale,
    Range range,
    Shift shift)
    implements Condition {

  /** The type name in rule documents. */
  public static final String TYPE = "anomaly-likelihood";

  /** The most cases a budget may allow per period: their onsets are kept in the state. */
  public static final int MAX_BUDGET_CASES = 16;

  /** The highest probability a threshold may ask for: 1 − 10⁻¹². */
  public static final double MAX_PROBABILITY = 1 - 1e-12;

  /**
   * At most {@code cases} onsets per device within {@code per} (event time) or within {@code
   * perPoints} readings: exactly one of the two is given.
   *
   * @param cases 1 to {@value AnomalyLikelihoodCondition#MAX_BUDGET_CASES}
   * @param per a duration of event time, or null
   * @param perPoints a number of readings, 0 when {@code per} is given
   */
  public record Budget(int cases, Duration per, long perPoints) {
    public Budget {
      RuleChecks.atLeast(cases, 1, "budget.cases");
      if (cases > MAX_BUDGET_CASES) {
        throw new RuleValidationException(
            "budget.cases", "must be at most " + MAX_BUDGET_CASES + ", got " + cases);
      }
      if ((per == null) == (perPoints <= 0)) {
        throw new RuleValidationException(
            "budget", "give exactly one of per (a duration) and perPoints (readings)");
      }
      if (per != null) {
        RuleChecks.positive(per, "budget.per");
      }
    }
  }

  /**
   * How a value is read before it is scored: as it is, or on a log scale ({@code sign(x) · ln(1 +
   * |x|)}), for counts and rates whose changes are multiplicative, where a spike from 10 to 100
   * means as much as one from 1,000 to 10,000.
   */
  public enum Scale {
    LINEAR,
    LOG;

    /** The value on this scale; finite for every finite value. */
    public double apply(double value) {
      return this == LINEAR ? value : Math.copySign(Math.log1p(Math.abs(value)), value);
    }
  }

  /**
   * A reading beyond the device's range holds at once, whatever the likelihood: above the highest
   * reading so far by more than {@code margin} times the range (highest minus lowest), or below the
   * lowest by as much. A value the device has never come near is the plainest sign that something
   * changed, and a share of the device's own range means the same on every scale. Highest and
   * lowest draw back toward the learned level with the condition's {@code halfLifePoints}, so that
   * one wild reading does not blind the check for good, but never within {@code freezeSpreads} of
   * the level or the season's phase centres, so that the device's usual noise and cycle do not come
   * to lie beyond them. Not before {@code learningPoints} readings.
   *
   * @param margin share of the range beyond it, above 0 and at most {@value
   *     AnomalyLikelihoodCondition#MAX_RANGE_MARGIN}
   */
  public record Range(double margin) {
    public Range {
      if (!(margin > 0 && margin <= MAX_RANGE_MARGIN)) {
        throw new RuleValidationException(
            "range.margin", "must be above 0 and at most " + MAX_RANGE_MARGIN + ", got " + margin);
      }
    }
  }

  /** The widest margin of a {@link Range}: ten times the range. */
  public static final double MAX_RANGE_MARGIN = 10;

  /**
   * A lasting shift of the level holds, though no single reading is far off: each reading's signed
   * distance from its phase centre (or the level) in spreads, at most {@value
   * AnomalyLikelihoodCondition#SHIFT_CLIP} either way, is averaged with a half-life of {@code
   * averagePoints} readings; that average is set against its own history (mean and variance,
   * half-life {@code historyPoints}) and holds when it lies so far from the history's mean, either
   * way, that the normal probability of lying no further is at least {@code probability}. Not
   * before {@code averagePoints} readings have been averaged.
   *
   * @param averagePoints half-life of the signed average, in readings, 1 or more
   * @param probability the least probability that holds, in (0, 1 - 1e-12]
   */
  public record Shift(int averagePoints, double probability) {
    public Shift {
      RuleChecks.atLeast(averagePoints, 1, "shift.averagePoints");
      if (!(probability > 0 && probability <= MAX_PROBABILITY)) {
        throw new RuleValidationException(
            "shift.probability", "must be above 0 and at most 1 - 1e-12, got " + probability);
      }
    }
  }

  /** The most spreads one reading adds to a {@link Shift}'s average, either way. */
  public static final double SHIFT_CLIP = 5;

  /** The most buckets a season may have: their centres are kept in the state. */
  public static final int MAX_SEASON_BUCKETS = 96;

  /**
   * A cycle split into {@code buckets} phases, each with a centre learned from its own readings.
   * With a season the level part of the score is the distance from the reading's phase centre
   * rather than from one level, so a device's usual cycle is not unusual, and a cycle that fails to
   * come is. The cycle is either {@code period}, event time (a reading's phase is its time of the
   * period, counted from 1970-01-01T00:00Z, so {@code P1D} phases are times of the UTC day,
   * whatever the reporting interval), or {@code points} readings (phases count readings, so they
   * hold only at a steady reporting interval, and a gap in reporting shifts them). Exactly one of
   * the two is given.
   *
   * @param points readings per cycle, at least {@code buckets}; 0 with a {@code period}
   * @param period the cycle in event time, whole seconds, at least a second per bucket; or null
   * @param buckets phases, 1 to {@value AnomalyLikelihoodCondition#MAX_SEASON_BUCKETS}
   */
  public record Season(int points, Duration period, int buckets) {
    public Season {
      RuleChecks.atLeast(buckets, 1, "season.buckets");
      if (buckets > MAX_SEASON_BUCKETS) {
        throw new RuleValidationException(
            "season.buckets", "must be at most " + MAX_SEASON_BUCKETS + ", got " + buckets);
      }
      if ((period == null) == (points <= 0)) {
        throw new RuleValidationException(
            "season", "give exactly one of period (a duration) and points (readings)");
      }
      if (period != null) {
        RuleChecks.positive(period, "season.period");
        if (period.getNano() != 0 || period.getSeconds() < buckets) {
          throw new RuleValidationException(
              "season.period",
              "must be whole seconds, at least one per bucket (" + buckets + "), got " + period);
        }
      } else {
        RuleChecks.atLeast(points, buckets, "season.points");
      }
    }

    /** A cycle of {@code points} readings. */
    public Season(int points, int buckets) {
      this(points, null, buckets);
    }

    /** Whether phases follow event time rather than count readings. */
    public boolean timed() {
      return period != null;
    }

    /** The phase bucket of the reading numbered {@code count} (from 0), for a cycle in readings. */
    public int bucket(long count) {
      return (int) ((count % points) * buckets / points);
    }

    /** The phase bucket of a reading at {@code at}, for a cycle in event time. */
    public int bucket(Instant at) {
      long seconds = period.getSeconds();
      return (int) (Math.floorMod(at.getEpochSecond(), seconds) * buckets / seconds);
    }
  }

  public AnomalyLikelihoodCondition {
    scale = scale == null ? Scale.LINEAR : scale;
    averageScale = averageScale == null ? Scale.LINEAR : averageScale;
    RuleChecks.metric(metric);
    RuleChecks.atLeast(halfLifePoints, 1, "halfLifePoints");
    RuleChecks.positive(freezeSpreads, "freezeSpreads");
    RuleChecks.positive(capSpreads, "capSpreads");
    RuleChecks.atLeast(averagePoints, 1, "averagePoints");
    RuleChecks.atLeast(historyPoints, 2, "historyPoints");
    RuleChecks.atLeast(learningPoints, 2, "learningPoints");
    if (!(probability > 0 && probability <= MAX_PROBABILITY)) {
      throw new RuleValidationException(
          "probability", "must be above 0 and at most 1 - 1e-12, got " + probability);
    }
    if (!(clearProbability > 0 && clearProbability <= probability)) {
      throw new RuleValidationException(
          "clearProbability",
          "must be above 0 and at most probability (" + probability + "), got " + clearProbability);
    }
  }

  @Override
  public String type() {
    return TYPE;
  }
}
