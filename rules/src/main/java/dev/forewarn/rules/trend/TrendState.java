package dev.forewarn.rules.trend;

import dev.forewarn.rules.condition.ConditionState;
import dev.forewarn.rules.stats.BaselineState;
import dev.forewarn.rules.stats.WindowBuckets;

/**
 * What a trend forecast remembers: the window's buckets and, for a learned limit, the baseline.
 *
 * @param window bucket counts and means over the window
 * @param baseline the learned baseline, {@link BaselineState#INITIAL} for an absolute limit
 */
public record TrendState(WindowBuckets window, BaselineState baseline) implements ConditionState {

  public TrendState {
    if (window == null || baseline == null) {
      throw new IllegalArgumentException("window and baseline required");
    }
  }
}
