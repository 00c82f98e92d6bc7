package dev.forewarn.rules.anomaly;

import dev.forewarn.rules.condition.ConditionState;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What an anomaly-likelihood condition remembers per device: readings seen, the learned level and
 * changes (centre and mean absolute deviation each), the previous value, the score's average and
 * that average's history (mean and variance), the likelihood history as counts per surprise bin
 * (only with a budget), whether the condition holds, the recent onsets (reading number and time),
 * the previous reading's time and the mean interval between readings, and with a season its phases:
 * their centres and the spread about them, and for a season in event time the first reading's time
 * and each phase's readings learned; with a range check the range seen, with a shift check the
 * signed average and its history.
 */
public final class AnomalyLikelihoodState implements ConditionState {

  /** Bins of surprise ({@code −log10(1 − likelihood)}), each 1/{@value #BINS_PER_DECADE} wide. */
  public static final int BINS = 48;

  /** Bins per decade of surprise: the budget's threshold moves in steps of a quarter decade. */
  public static final int BINS_PER_DECADE = 4;

  /** Nothing seen. */
  public static final AnomalyLikelihoodState INITIAL =
      new AnomalyLikelihoodState(
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          new long[0],
          false,
          new long[0],
          new long[0],
          null,
          0,
          new double[0],
          0,
          0,
          null,
          new long[0],
          null,
          null);

  /**
   * The range a {@link AnomalyLikelihoodCondition.Range} check has seen: lowest and highest, each
   * drawn back toward the level as the condition learns.
   */
  public record RangeSeen(double low, double high) {
    public RangeSeen {
      if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
        throw new IllegalArgumentException("anomaly-likelihood state: range out of order");
      }
    }
  }

  /**
   * What a {@link AnomalyLikelihoodCondition.Shift} check remembers: the signed average and that
   * average's history (mean and variance).
   */
  public record ShiftHistory(double average, double mean, double variance) {
    public ShiftHistory {
      if (!Double.isFinite(average)
          || !Double.isFinite(mean)
          || !Double.isFinite(variance)
          || variance < 0) {
        throw new IllegalArgumentException("anomaly-likelihood state: shift not finite");
      }
    }

    static final ShiftHistory NONE = new ShiftHistory(0, 0, 0);
  }

  private final long count;
  private final double level;
  private final double levelSpread;
  private final double step;
  private final double stepSpread;
  private final double previous;
  private final double average;
  private final double mean;
  private final double variance;
  private final long[] bins;
  private final boolean holding;
  private final long[] onsetPoints;
  private final long[] onsetSeconds;
  private final Instant lastAt;
  private final double interval;
  private final double[] centres;
  private final double seasonSpread;
  private final long skipped;
  private final Instant firstAt;
  private final long[] visits;
  private final RangeSeen range;
  private final ShiftHistory shift;

  /**
   * @param count readings seen
   * @param level learned level (centre)
   * @param levelSpread its mean absolute deviation
   * @param step learned change between readings (centre)
   * @param stepSpread its mean absolute deviation
   * @param previous the previous value
   * @param average the raw score's moving average
   * @param mean the history's mean of that average
   * @param variance the history's variance of that average
   * @param bins readings per surprise bin, {@value #BINS} of them with a budget, none without
   * @param holding whether the latest verdict held
   * @param onsetPoints reading number of each recent onset, oldest first
   * @param onsetSeconds epoch second of each recent onset, oldest first
   * @param lastAt the previous reading's time, null before the first
   * @param interval the mean seconds between readings, 0 before the second
   * @param centres the season's phase centres, none without a season
   * @param seasonSpread the mean absolute deviation from the phase centres
   * @param skipped readings in a row the level (or season) did not learn, being too far off
   * @param firstAt the first reading's time, kept for a season in event time (null otherwise)
   * @param visits readings each phase learned, for a season in event time (none otherwise)
   * @param range the range seen, with a range check (null otherwise)
   * @param shift the signed average and its history, with a shift check (null otherwise)
   */
  public AnomalyLikelihoodState(
      long count,
      double level,
      double levelSpread,
      double step,
      double stepSpread,
      double previous,
      double average,
      double mean,
      double variance,
      long[] bins,
      boolean holding,
      long[] onsetPoints,
      long[] onsetSeconds,
      Instant lastAt,
      double interval,
      double[] centres,
      double seasonSpread,
      long skipped,
      Instant firstAt,
      long[] visits,
      RangeSeen range,
      ShiftHistory shift) {
    double[] numbers = {
      level,
      levelSpread,
      step,
      stepSpread,
      previous,
      average,
      mean,
      variance,
      interval,
      seasonSpread
    };
    for (double centre : centres) {
      if (!Double.isFinite(centre)) {
        throw new IllegalArgumentException("anomaly-likelihood state: not finite");
      }
    }
    for (double number : numbers) {
      if (!Double.isFinite(number)) {
        throw new IllegalArgumentException("anomaly-likelihood state: not finite");
      }
    }
    if (count < 0
        || levelSpread < 0
        || stepSpread < 0
        || variance < 0
        || interval < 0
        || seasonSpread < 0
        || skipped < 0
        || centres.length > AnomalyLikelihoodCondition.MAX_SEASON_BUCKETS
        || (visits.length != 0 && visits.length != centres.length)
        || (bins.length != 0 && bins.length != BINS)
        || onsetPoints.length != onsetSeconds.length
        || onsetPoints.length > AnomalyLikelihoodCondition.MAX_BUDGET_CASES) {
      throw new IllegalArgumentException("anomaly-likelihood state: out of range");
    }
    for (long bin : bins) {
      if (bin < 0) {
        throw new IllegalArgumentException("anomaly-likelihood state: negative bin count");
      }
    }
    for (long visit : visits) {
      if (visit < 0) {
        throw new IllegalArgumentException("anomaly-likelihood state: negative phase count");
      }
    }
    this.count = count;
    this.level = level;
    this.levelSpread = levelSpread;
    this.step = step;
    this.stepSpread = stepSpread;
    this.previous = previous;
    this.average = average;
    this.mean = mean;
    this.variance = variance;
    this.bins = bins.clone();
    this.holding = holding;
    this.onsetPoints = onsetPoints.clone();
    this.onsetSeconds = onsetSeconds.clone();
    this.lastAt = lastAt;
    this.interval = interval;
    this.centres = centres.clone();
    this.seasonSpread = seasonSpread;
    this.skipped = skipped;
    this.firstAt = firstAt;
    this.visits = visits.clone();
    this.range = range;
    this.shift = shift;
  }

  /** The range seen, or null without a range check. */
  public RangeSeen range() {
    return range;
  }

  /** The signed average and its history, or null without a shift check. */
  public ShiftHistory shift() {
    return shift;
  }

  public Instant firstAt() {
    return firstAt;
  }

  public long[] visits() {
    return visits.clone();
  }

  long[] visitsView() {
    return visits;
  }

  public long skipped() {
    return skipped;
  }

  public double[] centres() {
    return centres.clone();
  }

  public double seasonSpread() {
    return seasonSpread;
  }

  double[] centresView() {
    return centres;
  }

  public long count() {
    return count;
  }

  public double level() {
    return level;
  }

  public double levelSpread() {
    return levelSpread;
  }

  public double step() {
    return step;
  }

  public double stepSpread() {
    return stepSpread;
  }

  public double previous() {
    return previous;
  }

  public double average() {
    return average;
  }

  public double mean() {
    return mean;
  }

  public double variance() {
    return variance;
  }

  public long[] bins() {
    return bins.clone();
  }

  public boolean holding() {
    return holding;
  }

  public long[] onsetPoints() {
    return onsetPoints.clone();
  }

  public long[] onsetSeconds() {
    return onsetSeconds.clone();
  }

  public Instant lastAt() {
    return lastAt;
  }

  public double interval() {
    return interval;
  }

  // Views without copies, for the signals and the bytes.
  long[] binsView() {
    return bins;
  }

  long[] onsetPointsView() {
    return onsetPoints;
  }

  long[] onsetSecondsView() {
    return onsetSeconds;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AnomalyLikelihoodState s
        && count == s.count
        && Double.compare(level, s.level) == 0
        && Double.compare(levelSpread, s.levelSpread) == 0
        && Double.compare(step, s.step) == 0
        && Double.compare(stepSpread, s.stepSpread) == 0
        && Double.compare(previous, s.previous) == 0
        && Double.compare(average, s.average) == 0
        && Double.compare(mean, s.mean) == 0
        && Double.compare(variance, s.variance) == 0
        && Arrays.equals(bins, s.bins)
        && holding == s.holding
        && Arrays.equals(onsetPoints, s.onsetPoints)
        && Arrays.equals(onsetSeconds, s.onsetSeconds)
        && Objects.equals(lastAt, s.lastAt)
        && Double.compare(interval, s.interval) == 0
        && Arrays.equals(centres, s.centres)
        && Double.compare(seasonSpread, s.seasonSpread) == 0
        && skipped == s.skipped
        && Objects.equals(firstAt, s.firstAt)
        && Arrays.equals(visits, s.visits)
        && Objects.equals(range, s.range)
        && Objects.equals(shift, s.shift);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, level, average, mean, holding, lastAt)
        + 31 * Arrays.hashCode(bins)
        + 17 * Arrays.hashCode(onsetPoints);
  }

  @Override
  public String toString() {
    return "AnomalyLikelihoodState[count="
        + count
        + ", level="
        + level
        + ", average="
        + average
        + ", mean="
        + mean
        + ", variance="
        + variance
        + ", holding="
        + holding
        + ", onsets="
        + onsetPoints.length
        + "]";
  }
}
