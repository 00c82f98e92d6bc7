package dev.forewarn.rules.drift;

/** Which deviations from a learned baseline count: upward, downward or both. */
public enum DriftSide {
  UP,
  DOWN,
  BOTH;

  /** Whether a deviation of {@code spreads} (signed) is beyond {@code k} on a watched side. */
  boolean beyond(double spreads, double k) {
    return switch (this) {
      case UP -> spreads > k;
      case DOWN -> spreads < -k;
      case BOTH -> Math.abs(spreads) > k;
    };
  }
}
