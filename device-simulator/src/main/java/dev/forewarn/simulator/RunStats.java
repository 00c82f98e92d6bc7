package dev.forewarn.simulator;

import java.time.Duration;

/**
 * What a run did.
 *
 * @param published telemetry messages the broker acknowledged (duplicates count twice)
 * @param failed telemetry messages that could not be published
 * @param statusMessages retained status messages acknowledged (online and offline)
 * @param elapsed wall time from the first message to the last acknowledgement
 */
public record RunStats(long published, long failed, long statusMessages, Duration elapsed) {

  /** Acknowledged telemetry messages per wall second. */
  public double messagesPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? published / seconds : 0;
  }

  /** One line for operators and scripts. */
  public String summary() {
    return String.format(
        "simulate: published=%d failed=%d status_messages=%d elapsed_s=%.1f msgs_per_s=%.0f",
        published, failed, statusMessages, elapsed.toNanos() / 1e9, messagesPerSecond());
  }
}
