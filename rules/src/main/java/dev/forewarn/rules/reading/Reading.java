package dev.forewarn.rules.reading;

import dev.forewarn.rules.document.Scope;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One telemetry reading of one device at one event time.
 *
 * @param deviceId the device that measured it, never blank
 * @param ts the device's own timestamp (event time)
 * @param seq the device's message sequence number; the same (device, seq) is a duplicate
 * @param model the product model, may be empty when the device does not say
 * @param metrics metric name to finite value, at least one
 * @param tags free-form device labels such as {@code site -> north}, matched by {@link
 *     Scope#tags()}; null means none
 */
public record Reading(
    String deviceId,
    Instant ts,
    long seq,
    String model,
    Map<String, Double> metrics,
    Map<String, String> tags) {

  public Reading {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(ts, "ts");
    model = model == null ? "" : model;
    metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics"));
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** A reading without tags. */
  public Reading(String deviceId, Instant ts, long seq, String model, Map<String, Double> metrics) {
    this(deviceId, ts, seq, model, metrics, Map.of());
  }

  /** The value of one metric, when this reading carries it. */
  public Optional<Double> metric(String name) {
    return Optional.ofNullable(metrics.get(name));
  }
}
