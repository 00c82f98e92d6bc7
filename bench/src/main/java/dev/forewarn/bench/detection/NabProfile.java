package dev.forewarn.bench.detection;

/**
 * One of NAB's scoring profiles: how much a detected window earns and what a false positive and a
 * missed window cost.
 *
 * @param name the profile's name in NAB's {@code config/profiles.json}
 * @param tpWeight A_TP, earned by a detection at a window's left edge
 * @param fpWeight A_FP, the most a detection outside every window costs
 * @param fnWeight A_FN, the cost of a window without detection
 */
record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

  /** The raw score of a detector that never fires, on {@code windows} scored windows. */
  double nullScore(int windows) {
    return -fnWeight * windows;
  }

  /** The raw score of one detection at the left edge of every window and nothing else. */
  double perfectScore(int windows) {
    return tpWeight * windows;
  }

  /** NAB's normalised score: 0 for the null detector, 100 for the perfect one. */
  double normalise(double raw, int windows) {
    double none = nullScore(windows);
    return 100 * (raw - none) / (perfectScore(windows) - none);
  }
}
