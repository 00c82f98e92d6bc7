package dev.forewarn.rules.life;

import dev.forewarn.rules.condition.ConditionState;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a remaining-life condition remembers per device: the readings seen, the event time of the
 * first, and per fault mode the sum of its raw index over the warm-up and its smoothed index.
 */
public final class RemainingLifeState implements ConditionState {

  /** Nothing seen. */
  public static final RemainingLifeState INITIAL = new RemainingLifeState(0, null, 0, 0);

  private final long count;
  private final Instant first;
  private final double[] warmupSums;
  private final double[] smoothed;

  /**
   * @param count readings seen, zero or more
   * @param first event time of the first reading; null before it
   * @param warmupSums per mode, the raw index summed over the warm-up readings seen so far
   * @param smoothed per mode, the smoothed index, meaningful once a reading was seen
   */
  public RemainingLifeState(long count, Instant first, double[] warmupSums, double[] smoothed) {
    if (count < 0 || (count > 0) != (first != null)) {
      throw new IllegalArgumentException("count not negative, first reading's time once seen");
    }
    if (warmupSums.length == 0
        || warmupSums.length != smoothed.length
        || warmupSums.length > RemainingLifeCondition.MAX_MODES) {
      throw new IllegalArgumentException(
          "remaining-life state: one warm-up sum and smoothed index per mode, 1 to "
              + RemainingLifeCondition.MAX_MODES);
    }
    for (int i = 0; i < warmupSums.length; i++) {
      if (!Double.isFinite(warmupSums[i]) || !Double.isFinite(smoothed[i])) {
        throw new IllegalArgumentException("remaining-life state: not finite");
      }
    }
    this.count = count;
    this.first = first;
    this.warmupSums = warmupSums.clone();
    this.smoothed = smoothed.clone();
  }

  /** The state of a condition with one fault mode. */
  public RemainingLifeState(long count, Instant first, double warmupSum, double smoothed) {
    this(count, first, new double[] {warmupSum}, new double[] {smoothed});
  }

  public long count() {
    return count;
  }

  public Instant first() {
    return first;
  }

  /** The fault modes whose sums this state holds. */
  public int modes() {
    return warmupSums.length;
  }

  /** The raw index of mode {@code mode} summed over the warm-up readings seen so far. */
  public double warmupSum(int mode) {
    return warmupSums[mode];
  }

  /** The smoothed index of mode {@code mode}. */
  public double smoothed(int mode) {
    return smoothed[mode];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RemainingLifeState s
        && count == s.count
        && Objects.equals(first, s.first)
        && Arrays.equals(warmupSums, s.warmupSums)
        && Arrays.equals(smoothed, s.smoothed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, first, Arrays.hashCode(warmupSums), Arrays.hashCode(smoothed));
  }

  @Override
  public String toString() {
    return "RemainingLifeState[count="
        + count
        + ", first="
        + first
        + ", warmupSums="
        + Arrays.toString(warmupSums)
        + ", smoothed="
        + Arrays.toString(smoothed)
        + "]";
  }
}
