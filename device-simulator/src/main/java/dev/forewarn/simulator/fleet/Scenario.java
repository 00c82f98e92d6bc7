package dev.forewarn.simulator.fleet;

/** What happens to one simulated device over the run. */
public enum Scenario {
  /** Noise around the device's own baseline, never failing. */
  HEALTHY("healthy"),
  /** The temperature climbs, accelerating, and reaches the failure level at the failure time. */
  DEGRADING("degrading"),
  /** The temperature steps past the failure level at the failure time, with no warning. */
  SUDDEN_FAULT("sudden_fault");

  private final String csvName;

  Scenario(String csvName) {
    this.csvName = csvName;
  }

  /** The name used in the ground-truth file. */
  public String csvName() {
    return csvName;
  }
}
