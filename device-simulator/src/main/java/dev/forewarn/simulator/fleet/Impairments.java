package dev.forewarn.simulator.fleet;

/**
 * The imperfections of real telemetry, applied to every device.
 *
 * @param noise standard deviation (°C) of the temperature noise, clipped at three deviations
 * @param gapRate share of readings that are never sent (their seq is skipped)
 * @param duplicateRate share of readings sent twice with the same seq
 * @param outOfOrderRate share of readings held back and sent after the device's next reading
 */
public record Impairments(
    double noise, double gapRate, double duplicateRate, double outOfOrderRate) {

  public Impairments {
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("noise: must be zero or more, got " + noise);
    }
    requireShare("gapRate", gapRate);
    requireShare("duplicateRate", duplicateRate);
    requireShare("outOfOrderRate", outOfOrderRate);
  }

  /** Clean telemetry: no noise, nothing lost, doubled or late. */
  public static Impairments none() {
    return new Impairments(0, 0, 0, 0);
  }

  private static void requireShare(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + ": must be between 0 and 1, got " + value);
    }
  }
}
