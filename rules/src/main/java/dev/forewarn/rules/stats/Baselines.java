package dev.forewarn.rules.stats;

import java.time.Duration;
import java.time.Instant;

/**
 * Learns a baseline one reading at a time. During the warm-up every reading weighs the same (a
 * running mean and mean absolute deviation); after it, readings are weighted exponentially with a
 * half-life in readings, so the baseline follows slow, healthy change. Counting in readings rather
 * than time keeps the behaviour the same for devices that report at different rates.
 */
public final class Baselines {

  /** √(π/2): mean absolute deviation to standard deviation, for Gaussian noise. */
  public static final double MAD_TO_SD = Math.sqrt(Math.PI / 2);

  /** The deviation reported when the spread is zero and the value is off the centre. */
  static final double HUGE = 1e9;

  private Baselines() {}

  /** Whether the warm-up is over: enough readings, over a long enough time. */
  public static boolean warm(
      BaselineState state, int warmupPoints, Duration warmupDuration, Instant ts) {
    return state.count() >= warmupPoints
        && state.since() != null
        && Duration.between(state.since(), ts).compareTo(warmupDuration) >= 0;
  }

  /**
   * The baseline after learning {@code value}; {@code halfLifePoints} zero keeps equal weights
   * forever.
   */
  public static BaselineState learn(
      BaselineState state, double value, Instant ts, int warmupPoints, int halfLifePoints) {
    long count = state.count() + 1;
    Instant since = state.since() == null ? ts : state.since();
    boolean equalWeights = state.count() < warmupPoints || halfLifePoints == 0;
    double decay = halfLifePoints == 0 ? 0 : 1 - Math.pow(2, -1.0 / halfLifePoints);
    double weight = equalWeights ? 1.0 / count : Math.max(1.0 / count, decay);
    double centre = Finite.toward(state.centre(), value, weight);
    // Deviations start with the second reading, so they are averaged over one reading fewer.
    double absDeviation = 0;
    if (state.count() > 0) {
      double deviationWeight =
          equalWeights ? 1.0 / state.count() : Math.max(1.0 / state.count(), decay);
      double deviation = Math.abs(Finite.minus(value, state.centre()));
      absDeviation = Finite.toward(state.absDeviation(), deviation, deviationWeight);
    }
    return new BaselineState(count, since, centre, absDeviation);
  }

  /** The spread: the scaled mean absolute deviation, never below the floors. */
  public static double spread(BaselineState state, double minSpread, double minRelativeSpread) {
    return Math.max(
        Finite.times(state.absDeviation(), MAD_TO_SD),
        Math.max(minSpread, Finite.times(minRelativeSpread, Math.abs(state.centre()))));
  }

  /**
   * The weight of a new value in an exponential moving average whose half-life is {@code halfLife}
   * readings; zero means no smoothing (weight 1).
   */
  public static double smoothingWeight(double halfLife) {
    return halfLife == 0 ? 1 : 1 - Math.pow(2, -1.0 / halfLife);
  }

  /** How many spreads {@code value} lies from the centre, signed; ±{@value #HUGE} at most. */
  public static double deviation(double value, double centre, double spread) {
    double off = Finite.minus(value, centre);
    if (spread == 0) {
      return off == 0 ? 0 : Math.copySign(HUGE, off);
    }
    return Math.max(-HUGE, Math.min(HUGE, off / spread));
  }
}
