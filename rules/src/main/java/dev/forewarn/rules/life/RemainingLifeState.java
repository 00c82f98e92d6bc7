package dev.forewarn.rules.life;

import dev.forewarn.rules.condition.ConditionState;
import java.time.Instant;

/**
 * What a remaining-life condition remembers per device: the readings seen, the event time of the
 * first, the sum of the raw index over the warm-up, and the smoothed index.
 *
 * @param count readings seen, zero or more
 * @param first event time of the first reading; null before it
 * @param warmupSum the raw index summed over the warm-up readings seen so far
 * @param smoothed the smoothed index, meaningful once a reading was seen
 */
public record RemainingLifeState(long count, Instant first, double warmupSum, double smoothed)
    implements ConditionState {

  /** Nothing seen. */
  public static final RemainingLifeState INITIAL = new RemainingLifeState(0, null, 0, 0);

  public RemainingLifeState {
    if (count < 0 || (count > 0) != (first != null)) {
      throw new IllegalArgumentException("count not negative, first reading's time once seen");
    }
    if (!Double.isFinite(warmupSum) || !Double.isFinite(smoothed)) {
      throw new IllegalArgumentException("remaining-life state: not finite");
    }
  }
}
