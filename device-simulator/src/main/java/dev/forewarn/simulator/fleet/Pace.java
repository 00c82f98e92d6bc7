package dev.forewarn.simulator.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How fast the fleet plays. Readings are spread evenly: message {@code m} is due {@code m / rate}
 * wall seconds after the start and carries the event time {@code start + m / rate * timeScale}, so
 * each device samples every {@code devices * timeScale / rate} simulated seconds.
 *
 * @param rate telemetry messages per wall second, for the whole fleet
 * @param duration wall time after which the run stops
 * @param readingsPerDevice stop once every device has had this many reading slots; 0 for no limit
 * @param timeScale simulated seconds per wall second
 * @param start the simulated clock at the first reading
 */
public record Pace(
    double rate, Duration duration, long readingsPerDevice, double timeScale, Instant start) {

  public Pace {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(start, "start");
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("rate: must be a positive number, got " + rate);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration: must be positive, got " + duration);
    }
    if (readingsPerDevice < 0) {
      throw new IllegalArgumentException(
          "readingsPerDevice: must not be negative, got " + readingsPerDevice);
    }
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("timeScale: must be a positive number, got " + timeScale);
    }
  }

  /** Simulated seconds between two readings of one device in a fleet of that size. */
  public double sampleIntervalSeconds(int devices) {
    return devices * timeScale / rate;
  }

  /** How much simulated time the run covers: until the duration or the reading limit ends it. */
  public Duration simulatedSpan(int devices) {
    double wallSeconds = duration.toNanos() / 1e9;
    if (readingsPerDevice > 0) {
      wallSeconds = Math.min(wallSeconds, readingsPerDevice * devices / rate);
    }
    return Duration.ofNanos(Math.round(wallSeconds * timeScale * 1e9));
  }
}
