package dev.forewarn.bench.detection;

/**
 * The linear model of an engine's remaining life, in units, from its degradation: {@code intercept
 * + drift·D + initial·I + age·A + ageSquared·A²}, where {@code D} is the smoothed index minus the
 * engine's warm-up mean {@code I}, and {@code A} the time since its first reading.
 */
record RemainingLifeModel(
    double intercept, double drift, double initial, double age, double ageSquared) {

  /** The model from OLS parameters on {@code [1, drift, initial, age, age²]}. */
  static RemainingLifeModel of(double[] parameters) {
    return new RemainingLifeModel(
        parameters[0], parameters[1], parameters[2], parameters[3], parameters[4]);
  }

  double remainingLife(double driftValue, double initialValue, double ageValue) {
    return intercept
        + drift * driftValue
        + initial * initialValue
        + age * ageValue
        + ageSquared * ageValue * ageValue;
  }
}
