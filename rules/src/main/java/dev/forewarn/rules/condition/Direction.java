package dev.forewarn.rules.condition;

/** Which side of a level is bad. */
public enum Direction {
  /** Values above the level are a breach. */
  ABOVE,
  /** Values below the level are a breach. */
  BELOW;

  /** Whether {@code value} is on the bad side of {@code level}. */
  public boolean breaches(double value, double level) {
    return this == ABOVE ? value > level : value < level;
  }

  /** Whether {@code value} is back on the good side of {@code clearLevel}, or on it. */
  public boolean clears(double value, double clearLevel) {
    return this == ABOVE ? value <= clearLevel : value >= clearLevel;
  }

  /** The word used in summaries: "above" or "below". */
  public String word() {
    return this == ABOVE ? "above" : "below";
  }
}
