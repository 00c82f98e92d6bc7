package dev.forewarn.rules.drift;

import dev.forewarn.rules.condition.ConditionState;
import dev.forewarn.rules.stats.BaselineState;
import java.time.Instant;

/**
 * What a baseline drift condition remembers.
 *
 * @param baseline the learned baseline; in event time its count is the readings the spread learned,
 *     its centre unused (0) and its deviation the spread's mean absolute deviation
 * @param smoothed the moving average of the input, meaningful once the baseline has learned a
 *     reading
 * @param previous the previous raw value, for a first-difference input; null otherwise or before it
 * @param lastAt event time of the previous reading, for event-time weights; null in reading mode
 * @param centres the event-time centres per bucket; null in reading mode or before any reading
 */
public record DriftState(
    BaselineState baseline,
    double smoothed,
    Double previous,
    Instant lastAt,
    SeasonalCentres centres)
    implements ConditionState {

  /** Nothing learned. */
  public static final DriftState INITIAL = new DriftState(BaselineState.INITIAL, 0);

  public DriftState {
    if (baseline == null || !Double.isFinite(smoothed)) {
      throw new IllegalArgumentException("baseline required and smoothed finite");
    }
    if (previous != null && !Double.isFinite(previous)) {
      throw new IllegalArgumentException("previous must be finite, got " + previous);
    }
  }

  /** A state of the reading-count baseline on the value. */
  public DriftState(BaselineState baseline, double smoothed) {
    this(baseline, smoothed, null, null, null);
  }

  /** Whether only the fields of the reading-count baseline are used. */
  public boolean basic() {
    return previous == null && lastAt == null && centres == null;
  }

  DriftState withPrevious(Double value) {
    return new DriftState(baseline, smoothed, value, lastAt, centres);
  }
}
