package dev.forewarn.history;

import java.time.Instant;
import java.util.Map;

/**
 * The newest stored reading of a device.
 *
 * @param deviceId the device
 * @param at the reading's event time
 * @param seq its sequence number
 * @param model the model it was tagged with, empty when none
 * @param metrics metric name to value, as the reading carried them
 */
public record LatestReading(
    String deviceId, Instant at, long seq, String model, Map<String, Double> metrics) {

  public LatestReading {
    metrics = Map.copyOf(metrics);
  }
}
