package dev.forewarn.rules.backtest;

import java.time.Duration;
import java.time.Instant;

/**
 * What one device sent and what the rules made of it in a replay, so that an alert budget can be
 * checked.
 *
 * @param deviceId the device
 * @param first its first reading's time
 * @param last its newest reading's time
 * @param readings readings replayed
 * @param opened cases opened, under every rule
 * @param learning whether a rule was still learning what is normal for it at the end
 */
public record DeviceActivity(
    String deviceId, Instant first, Instant last, long readings, int opened, boolean learning) {

  private static final double WEEK_SECONDS = Duration.ofDays(7).toSeconds();

  /** Weeks from the first reading to the last. */
  public double weeks() {
    return Duration.between(first, last).toMillis() / 1000.0 / WEEK_SECONDS;
  }

  /**
   * Cases opened per week of the device's data: {@code opened} over {@link #weeks()}, or over one
   * week for data spanning less.
   */
  public double alertsPerWeek() {
    return opened / Math.max(1.0, weeks());
  }
}
