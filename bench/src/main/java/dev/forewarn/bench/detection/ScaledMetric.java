package dev.forewarn.bench.detection;

/**
 * One metric's part in the degradation index: how far it stands from the fleet's early normal, in
 * early spreads, signed so that degradation counts positive whichever way the metric moves.
 *
 * @param metric the metric name
 * @param centre the fleet's mean over the engines' warm-up readings
 * @param spread the root of the engines' mean warm-up sample variance, more than zero
 * @param worse the direction the metric moves as an engine degrades
 */
record ScaledMetric(String metric, double centre, double spread, Worse worse) {

  /** The direction a metric moves as an engine degrades, as rule documents spell it. */
  enum Worse {
    UP,
    DOWN;

    double sign() {
      return this == UP ? 1 : -1;
    }

    String json() {
      return this == UP ? "up" : "down";
    }
  }

  ScaledMetric {
    requireSpread(metric, spread);
  }

  /** Refuses a metric that cannot be scaled, which would make every index infinite. */
  static void requireSpread(String metric, double spread) {
    if (!(spread > 0)) {
      throw new IllegalArgumentException(
          metric + ": no spread over the engines' warm-up readings, so it cannot be scaled");
    }
  }

  /** The signed z-score of a value. */
  double score(double value) {
    return worse.sign() * (value - centre) / spread;
  }
}
