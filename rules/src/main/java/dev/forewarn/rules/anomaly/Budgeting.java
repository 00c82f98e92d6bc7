package dev.forewarn.rules.anomaly;

import java.time.Instant;

/**
 * An {@link AnomalyLikelihoodCondition.Budget} applied to one device: the threshold its own
 * likelihood history allows, and whether another onset fits in the budget's period.
 */
final class Budgeting {

  private final AnomalyLikelihoodCondition.Budget budget;
  private final long[] bins;
  private final double periodPoints;

  Budgeting(AnomalyLikelihoodCondition condition, long[] bins, long count, double interval) {
    this.budget = condition.budget();
    this.bins = bins;
    if (budget == null) {
      periodPoints = Double.POSITIVE_INFINITY;
    } else if (budget.per() == null) {
      periodPoints = budget.perPoints();
    } else {
      periodPoints =
          interval > 0 ? budget.per().toMillis() / 1000.0 / interval : Double.POSITIVE_INFINITY;
    }
  }

  int cases() {
    return budget == null ? 0 : budget.cases();
  }

  /** Whether the history covers one budget period, so that its quantile means something. */
  boolean learned() {
    return budget == null || total() >= periodPoints;
  }

  /**
   * The surprise a reading must reach: {@code floor}, or higher where the device's history says
   * readings above {@code floor} came more often than the budget allows.
   */
  double threshold(double floor) {
    if (budget == null || !learned()) {
      return floor;
    }
    double allowed = budget.cases() / periodPoints * total();
    long above = 0;
    for (int b = bins.length - 1; b >= 0; b--) {
      if (above + bins[b] > allowed) {
        return Math.max(floor, (b + 1) / (double) AnomalyLikelihoodState.BINS_PER_DECADE);
      }
      above += bins[b];
    }
    return floor;
  }

  /** Whether one more onset fits: fewer than {@code cases} onsets within the period before now. */
  boolean allows(AnomalyLikelihoodState state, long count, Instant at) {
    if (budget == null) {
      return true;
    }
    long[] points = state.onsetPointsView();
    long[] seconds = state.onsetSecondsView();
    int within = 0;
    for (int i = 0; i < points.length; i++) {
      boolean recent =
          budget.per() == null
              ? count - points[i] < budget.perPoints()
              : at.getEpochSecond() - seconds[i] < budget.per().getSeconds();
      within += recent ? 1 : 0;
    }
    return within < budget.cases();
  }

  /** The history with one more reading of this surprise. */
  long[] learn(double surprise) {
    if (budget == null) {
      return bins;
    }
    long[] next = bins.clone();
    int bin =
        (int)
            Math.min(
                AnomalyLikelihoodState.BINS - 1,
                Math.max(0, Math.floor(surprise * AnomalyLikelihoodState.BINS_PER_DECADE)));
    next[bin]++;
    return next;
  }

  private long total() {
    long total = 0;
    for (long bin : bins) {
      total += bin;
    }
    return total;
  }
}
