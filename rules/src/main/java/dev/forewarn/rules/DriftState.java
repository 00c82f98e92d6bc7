package dev.forewarn.rules;

/**
 * What a baseline drift condition remembers.
 *
 * @param baseline the learned baseline
 * @param smoothed the moving average of the input, meaningful once the baseline has learned a
 *     reading
 */
public record DriftState(BaselineState baseline, double smoothed) implements ConditionState {

  /** Nothing learned. */
  public static final DriftState INITIAL = new DriftState(BaselineState.INITIAL, 0);

  public DriftState {
    if (baseline == null || !Double.isFinite(smoothed)) {
      throw new IllegalArgumentException("baseline required and smoothed finite");
    }
  }
}
