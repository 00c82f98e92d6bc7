package dev.forewarn.rules.rate;

import java.time.Duration;

/** The time unit a rate of change is expressed in: "2.5 per hour". */
public enum RateUnit {
  SECOND(Duration.ofSeconds(1)),
  MINUTE(Duration.ofMinutes(1)),
  HOUR(Duration.ofHours(1)),
  DAY(Duration.ofDays(1));

  private final Duration length;

  RateUnit(Duration length) {
    this.length = length;
  }

  /** Seconds in one unit. */
  public double seconds() {
    return length.getSeconds();
  }

  /** The lowercase word used in documents and summaries. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
