package dev.forewarn.rules.anomaly;

import dev.forewarn.rules.condition.ConditionStatus;
import dev.forewarn.rules.condition.Signal;
import dev.forewarn.rules.condition.Summaries;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.stats.Baselines;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Verdicts of an {@link AnomalyLikelihoodCondition}; see that type for the rules. */
public final class AnomalyLikelihoodSignals {

  /** The least spread of the score's average, so that a flat history does not make noise huge. */
  static final double MIN_SCORE_SPREAD = 1e-3;

  /** The least spread of a value or change, against division by zero on a flat series. */
  private static final double MIN_SPREAD = 1e-12;

  /** A phase's readings are counted up to this; its centre's weight no longer changes by then. */
  static final long MAX_VISITS = 1L << 40;

  /** Readings over which the mean interval between readings is learned (half-life). */
  private static final double INTERVAL_HALF_LIFE = 100;

  private AnomalyLikelihoodSignals() {}

  public static Signal.Step onReading(
      AnomalyLikelihoodCondition condition, AnomalyLikelihoodState state, Reading reading) {
    Double value = reading.metrics().get(condition.metric());
    if (value == null || !Double.isFinite(value)) {
      return null;
    }
    double x = condition.scale().apply(value);
    long n = state.count();
    Instant at = reading.ts();
    double interval = state.interval();
    if (state.lastAt() != null) {
      double dt = Math.max(0, (at.toEpochMilli() - state.lastAt().toEpochMilli()) / 1000.0);
      interval = n == 1 ? dt : blend(interval, dt, weight(INTERVAL_HALF_LIFE, n - 1));
    }
    long[] bins =
        state.binsView().length == 0 && condition.budget() != null
            ? new long[AnomalyLikelihoodState.BINS]
            : state.binsView();
    if (n == 0) {
      AnomalyLikelihoodState first =
          new AnomalyLikelihoodState(
              1,
              x,
              0,
              0,
              0,
              x,
              0,
              0,
              0,
              bins,
              false,
              new long[0],
              new long[0],
              at,
              0,
              seasonStart(condition, x, at),
              0,
              0,
              timed(condition) ? at : null,
              visitsStart(condition, at),
              condition.range() == null ? null : new AnomalyLikelihoodState.RangeSeen(x, x),
              condition.shift() == null ? null : AnomalyLikelihoodState.ShiftHistory.NONE);
      return new Signal.Step(first, Signal.unknown());
    }

    double levelZ = distance(x, state.level(), state.levelSpread());
    double change = difference(x, state.previous());
    double stepZ =
        condition.steps() && n >= 2 ? distance(change, state.step(), state.stepSpread()) : 0;
    // A change that lasts learningPoints readings is the device's new normal: learning resumes
    // until readings are back within freezeSpreads, so that a lasting shift does not leave the
    // device unwatched for good.
    boolean lasting = state.skipped() >= condition.learningPoints();
    AnomalyLikelihoodCondition.Season season = condition.season();
    double[] centres = state.centresView();
    long[] visits = state.visitsView();
    double seasonSpread = state.seasonSpread();
    double usualZ = levelZ;
    double usualCentre = state.level();
    double usualSpread = state.levelSpread();
    if (season != null && season.timed()) {
      int b = season.bucket(at);
      // Until a whole period has passed, and for a phase not visited yet, the level stands in.
      boolean known =
          visits[b] > 0 && Duration.between(state.firstAt(), at).compareTo(season.period()) >= 0;
      double centre = known ? centres[b] : state.level();
      double spread = known ? seasonSpread : state.levelSpread();
      usualZ = distance(x, centre, spread);
      usualCentre = centre;
      usualSpread = spread;
      if (n < condition.learningPoints() || usualZ <= condition.freezeSpreads() || lasting) {
        centres = centres.clone();
        visits = visits.clone();
        long k = visits[b];
        double cw = phaseWeight(condition, k);
        centres[b] = k == 0 ? x : blend(centres[b], x, cw);
        visits[b] = Math.min(k + 1, MAX_VISITS);
        if (k > 0) {
          seasonSpread =
              blend(seasonSpread, absolute(x, centre), weight(condition.halfLifePoints(), n));
        }
      }
    } else if (season != null) {
      int b = season.bucket(n);
      // A phase not visited yet has no centre of its own: the level stands in for it.
      double centre = n < season.points() ? state.level() : centres[b];
      double spread = n < season.points() ? state.levelSpread() : seasonSpread;
      usualZ = distance(x, centre, spread);
      usualCentre = centre;
      usualSpread = spread;
      if (n < condition.learningPoints() || usualZ <= condition.freezeSpreads() || lasting) {
        centres = centres.clone();
        // A phase learns from a bucket's share of the readings: n / buckets of them so far, and
        // its half-life is the level's shared out over the buckets. In the first cycle each
        // phase's centre is the mean of its readings.
        long first = ((long) b * season.points() + season.buckets() - 1) / season.buckets();
        double cw =
            n < season.points()
                ? 1.0 / (n % season.points() - first + 1)
                : Math.max(
                    1.0 / ((double) n / season.buckets() + 1),
                    Baselines.smoothingWeight(
                        Math.max(1.0, (double) condition.halfLifePoints() / season.buckets())));
        centres[b] = blend(centres[b], x, cw);
        double sw = weight(condition.halfLifePoints(), n);
        seasonSpread = blend(seasonSpread, absolute(x, centre), sw);
      }
    }
    double score = Math.min(condition.capSpreads(), Math.max(usualZ, stepZ));
    boolean beyond = (season != null ? usualZ : levelZ) > condition.freezeSpreads();
    long skipped = beyond ? Math.min(state.skipped() + 1, condition.learningPoints()) : 0;

    AnomalyLikelihoodState.RangeSeen range = state.range();
    boolean beyondRange = false;
    if (condition.range() != null && range != null) {
      beyondRange = n >= condition.learningPoints() && beyond(x, range, condition.range().margin());
      // Before it takes this reading in, the range draws back toward the level, but not within
      // what the condition counts as usual: so a healthy device's own noise and cycle never come to
      // lie beyond it.
      double[] usual = usualEnvelope(condition, state, at);
      double back = Baselines.smoothingWeight(condition.halfLifePoints());
      double low =
          Math.min(blend(range.low(), state.level(), back), Math.max(range.low(), usual[0]));
      double high =
          Math.max(blend(range.high(), state.level(), back), Math.min(range.high(), usual[1]));
      range = new AnomalyLikelihoodState.RangeSeen(Math.min(x, low), Math.max(x, high));
    }

    double w = weight(condition.halfLifePoints(), n);
    boolean learnLevel =
        n < condition.learningPoints() || levelZ <= condition.freezeSpreads() || lasting;
    double level = learnLevel ? blend(state.level(), x, w) : state.level();
    double levelSpread =
        learnLevel
            ? blend(state.levelSpread(), absolute(x, state.level()), w)
            : state.levelSpread();
    double stepWeight = weight(condition.halfLifePoints(), n - 1);
    double step = blend(state.step(), change, stepWeight);
    double stepSpread =
        n >= 2 ? blend(state.stepSpread(), absolute(change, state.step()), stepWeight) : 0;

    // The first half of the learning readings warms the level and changes up; the score's
    // average and its history start after it, so that they never see a baseline still forming.
    long warm = condition.learningPoints() / 2;
    double average = state.average();
    double mean = state.mean();
    double variance = state.variance();
    double surprise = 0;
    AnomalyLikelihoodState.ShiftHistory shift = state.shift();
    double shiftSurprise = 0;
    if (n >= warm) {
      long scored = n - warm; // averages learned into the history before this one
      average =
          scored == 0
              ? score
              : blend(average, score, Baselines.smoothingWeight(condition.averagePoints()));
      // The history models the average on its scale: ln(1 + average) for a log scale.
      double observed = condition.averageScale().apply(average);
      double spread = Math.max(Math.sqrt(variance), MIN_SCORE_SPREAD);
      surprise = scored == 0 ? 0 : GaussianTail.surprise((observed - mean) / spread);
      double historyWeight = weight(condition.historyPoints(), scored);
      double delta = observed - mean;
      mean += historyWeight * delta;
      variance = (1 - historyWeight) * (variance + historyWeight * delta * delta);
      if (condition.shift() != null && shift != null) {
        double signed = signedDistance(x, usualCentre, usualSpread);
        double shifted =
            scored == 0
                ? signed
                : blend(
                    shift.average(),
                    signed,
                    Baselines.smoothingWeight(condition.shift().averagePoints()));
        double shiftSpread = Math.max(Math.sqrt(shift.variance()), MIN_SCORE_SPREAD);
        shiftSurprise =
            scored < condition.shift().averagePoints()
                ? 0
                : GaussianTail.surprise(Math.abs(shifted - shift.mean()) / shiftSpread);
        double off = shifted - shift.mean();
        shift =
            new AnomalyLikelihoodState.ShiftHistory(
                shifted,
                shift.mean() + historyWeight * off,
                (1 - historyWeight) * (shift.variance() + historyWeight * off * off));
      }
    }
    boolean shiftHolds =
        condition.shift() != null
            && shiftSurprise >= GaussianTail.ofLikelihood(condition.shift().probability());

    long count = n + 1;
    boolean learning = count <= condition.learningPoints();
    Budgeting budgeting = new Budgeting(condition, bins, count, interval);
    double threshold = budgeting.threshold(GaussianTail.ofLikelihood(condition.probability()));
    double clearAt = Math.min(threshold, GaussianTail.ofLikelihood(condition.clearProbability()));
    ConditionStatus status;
    if (learning) {
      status = ConditionStatus.UNKNOWN;
    } else if (surprise >= threshold || beyondRange || shiftHolds) {
      status =
          state.holding() || budgeting.allows(state, count, at)
              ? ConditionStatus.HOLDS
              : ConditionStatus.NEUTRAL;
    } else {
      status = surprise < clearAt ? ConditionStatus.CLEARS : ConditionStatus.NEUTRAL;
    }
    long[] nextBins = learning ? bins : budgeting.learn(surprise);
    boolean holding =
        status == ConditionStatus.HOLDS || (status == ConditionStatus.NEUTRAL && state.holding());
    long[] onsetPoints = state.onsetPointsView();
    long[] onsetSeconds = state.onsetSecondsView();
    if (status == ConditionStatus.HOLDS && !state.holding() && budgeting.cases() > 0) {
      onsetPoints = appendKept(onsetPoints, count, budgeting.cases());
      onsetSeconds = appendKept(onsetSeconds, at.getEpochSecond(), budgeting.cases());
    }
    AnomalyLikelihoodState next =
        new AnomalyLikelihoodState(
            count,
            level,
            levelSpread,
            step,
            stepSpread,
            x,
            average,
            mean,
            variance,
            nextBins,
            holding,
            onsetPoints,
            onsetSeconds,
            at,
            interval,
            centres,
            seasonSpread,
            skipped,
            state.firstAt(),
            visits,
            range,
            shift);
    if (learning) {
      return new Signal.Step(next, Signal.unknown());
    }
    Map<String, Double> evidence = new LinkedHashMap<>();
    evidence.put("value", value);
    evidence.put("score", score);
    evidence.put("average", average);
    evidence.put("likelihood", GaussianTail.likelihood(surprise));
    evidence.put("surprise", surprise);
    evidence.put("threshold", GaussianTail.likelihood(threshold));
    evidence.put("budget_learning", budgeting.learned() ? 0.0 : 1.0);
    if (condition.range() != null) {
      evidence.put("beyond_range", beyondRange ? 1.0 : 0.0);
    }
    if (condition.shift() != null) {
      evidence.put("shift_likelihood", GaussianTail.likelihood(shiftSurprise));
    }
    String text =
        condition.metric()
            + " unusual for this device (likelihood "
            + Summaries.number(GaussianTail.likelihood(surprise))
            + ")";
    if (surprise < threshold && beyondRange) {
      text = condition.metric() + " beyond its range so far";
    } else if (surprise < threshold && shiftHolds) {
      text =
          condition.metric()
              + " shifted from its usual level (likelihood "
              + Summaries.number(GaussianTail.likelihood(shiftSurprise))
              + ")";
    }
    String detail = "now " + Summaries.number(value);
    if (status == ConditionStatus.CLEARS) {
      text =
          condition.metric()
              + " usual again (likelihood "
              + Summaries.number(GaussianTail.likelihood(surprise))
              + ")";
      detail = "";
    }
    return new Signal.Step(next, Signal.of(status, evidence, text, detail));
  }

  /**
   * Whether the device is still learning: within its first {@code learningPoints} readings, or,
   * with a budget, before its history covers one budget period.
   */
  public static boolean learning(
      AnomalyLikelihoodCondition condition, AnomalyLikelihoodState state) {
    if (state.count() < condition.learningPoints()) {
      return true;
    }
    return condition.budget() != null
        && !new Budgeting(condition, state.binsView(), state.count(), state.interval()).learned();
  }

  private static boolean timed(AnomalyLikelihoodCondition condition) {
    return condition.season() != null && condition.season().timed();
  }

  /** The phase centres after the first reading: every phase at it for a season in readings. */
  private static double[] seasonStart(AnomalyLikelihoodCondition condition, double x, Instant at) {
    if (condition.season() == null) {
      return new double[0];
    }
    double[] centres = new double[condition.season().buckets()];
    if (condition.season().timed()) {
      centres[condition.season().bucket(at)] = x;
    } else {
      Arrays.fill(centres, x);
    }
    return centres;
  }

  /** For a season in event time, the first reading's phase has learned one reading. */
  private static long[] visitsStart(AnomalyLikelihoodCondition condition, Instant at) {
    if (!timed(condition)) {
      return new long[0];
    }
    long[] visits = new long[condition.season().buckets()];
    visits[condition.season().bucket(at)] = 1;
    return visits;
  }

  /**
   * How much a phase's centre learns from a reading when it has learned {@code k} before: the mean
   * of its readings at first, then the level's half-life shared out over the phases.
   */
  private static double phaseWeight(AnomalyLikelihoodCondition condition, long k) {
    double halfLife =
        Math.max(1.0, (double) condition.halfLifePoints() / condition.season().buckets());
    return Math.max(1.0 / (k + 1), Baselines.smoothingWeight(halfLife));
  }

  private static double weight(double halfLife, long learned) {
    return Math.max(1.0 / (learned + 1), Baselines.smoothingWeight(halfLife));
  }

  /** {@code (1 − w)·a + w·b}: a convex combination, so it stays finite for finite inputs. */
  private static double blend(double a, double b, double w) {
    double blended = (1 - w) * a + w * b;
    return Double.isFinite(blended) ? blended : a;
  }

  private static double difference(double x, double previous) {
    double d = x - previous;
    return Double.isFinite(d) ? d : Math.copySign(Double.MAX_VALUE, d);
  }

  private static double absolute(double x, double centre) {
    return Math.abs(difference(x, centre));
  }

  /** |x − centre| in spreads, with the spread floored. */
  private static double distance(double x, double centre, double absDeviation) {
    double z = absolute(x, centre) / spread(centre, absDeviation);
    return Double.isFinite(z) ? z : Double.MAX_VALUE;
  }

  /** The spread of a mean absolute deviation, floored at 10⁻⁹ of the centre and above zero. */
  private static double spread(double centre, double absDeviation) {
    return Math.max(
        absDeviation * Baselines.MAD_TO_SD, Math.max(MIN_SPREAD, 1e-9 * Math.abs(centre)));
  }

  /**
   * The lowest and highest values within {@code freezeSpreads} of the device's usual: of its phase
   * centres once the season is known (a whole cycle passed; for a season in event time, over the
   * phases visited), of its level otherwise.
   */
  private static double[] usualEnvelope(
      AnomalyLikelihoodCondition condition, AnomalyLikelihoodState state, Instant at) {
    AnomalyLikelihoodCondition.Season season = condition.season();
    double low = state.level();
    double high = state.level();
    double absDeviation = state.levelSpread();
    boolean known =
        season != null
            && (season.timed()
                ? Duration.between(state.firstAt(), at).compareTo(season.period()) >= 0
                : state.count() >= season.points());
    if (known) {
      double[] centres = state.centresView();
      long[] visits = state.visitsView();
      low = Double.POSITIVE_INFINITY;
      high = Double.NEGATIVE_INFINITY;
      for (int b = 0; b < centres.length; b++) {
        if (visits.length == 0 || visits[b] > 0) {
          low = Math.min(low, centres[b]);
          high = Math.max(high, centres[b]);
        }
      }
      absDeviation = state.seasonSpread();
    }
    double reach = condition.freezeSpreads() * absDeviation * Baselines.MAD_TO_SD;
    return new double[] {low - reach, high + reach};
  }

  /** Whether {@code x} lies beyond {@code range} by more than {@code margin} times its width. */
  private static boolean beyond(double x, AnomalyLikelihoodState.RangeSeen range, double margin) {
    double reach = margin * (range.high() - range.low());
    return x > range.high() + reach || x < range.low() - reach;
  }

  /**
   * {@code (x − centre)} in spreads, with the spread floored as in {@link #distance}, at most
   * {@link AnomalyLikelihoodCondition#SHIFT_CLIP} either way.
   */
  private static double signedDistance(double x, double centre, double absDeviation) {
    double z = difference(x, centre) / spread(centre, absDeviation);
    double clip = AnomalyLikelihoodCondition.SHIFT_CLIP;
    return Double.isNaN(z) ? 0 : Math.max(-clip, Math.min(clip, z));
  }

  private static long[] appendKept(long[] values, long value, int keep) {
    int from = Math.max(0, values.length + 1 - keep);
    long[] out = Arrays.copyOfRange(values, from, values.length + 1);
    out[out.length - 1] = value;
    return out;
  }
}
