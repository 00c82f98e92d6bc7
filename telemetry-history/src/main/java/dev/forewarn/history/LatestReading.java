package dev.forewarn.history;

import java.time.Instant;
import java.util.Map;

/**
 * The newest stored reading of a device.
 *
 * @param deviceId the device
 * @param at the reading's event time
 * @param seq its sequence number, -1 when the device sends none
 * @param model the model it was tagged with, empty when none
 * @param metrics metric name to value, as the reading carried them
 * @param format the payload format it arrived in: {@code json}, {@code senml} or {@code sparkplug}
 * @param units metric name to the unit the device gave it; empty when it gave none
 */
public record LatestReading(
    String deviceId,
    Instant at,
    long seq,
    String model,
    Map<String, Double> metrics,
    String format,
    Map<String, String> units) {

  public LatestReading {
    metrics = Map.copyOf(metrics);
    units = Map.copyOf(units);
  }
}
