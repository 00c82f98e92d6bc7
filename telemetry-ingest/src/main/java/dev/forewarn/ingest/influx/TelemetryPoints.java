package dev.forewarn.ingest.influx;

import dev.forewarn.rules.Reading;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/** The InfluxDB form of a reading, as docs/contracts.md defines it. */
final class TelemetryPoints {

  static final String MEASUREMENT = "telemetry";

  private TelemetryPoints() {}

  /**
   * Measurement {@code telemetry}, tags {@code device_id} and (when known) {@code model}, one float
   * field per metric and the integer field {@code seq}, at the reading's own time in milliseconds.
   * The sequence number is added last, so it wins over a metric that happens to be named seq and
   * the field keeps one type.
   */
  static Point of(Reading reading) {
    Point.Builder point =
        Point.measurement(MEASUREMENT)
            .time(reading.ts().toEpochMilli(), TimeUnit.MILLISECONDS)
            .tag("device_id", reading.deviceId());
    if (!reading.model().isEmpty()) {
      point.tag("model", reading.model());
    }
    for (Map.Entry<String, Double> metric : reading.metrics().entrySet()) {
      point.addField(metric.getKey(), metric.getValue().doubleValue());
    }
    point.addField("seq", reading.seq());
    return point.build();
  }
}
