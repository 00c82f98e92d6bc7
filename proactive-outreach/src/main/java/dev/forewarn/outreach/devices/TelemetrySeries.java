package dev.forewarn.outreach.devices;

import dev.forewarn.history.Series;
import dev.forewarn.history.SeriesInterval;
import dev.forewarn.outreach.history.History;
import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A device's telemetry over any time range, downsampled by InfluxDB: the bucket length is the
 * shortest round interval that keeps the range within the points asked for, so a year costs the
 * database and the chart as much as an hour.
 */
@Service
public class TelemetrySeries {

  /** The most buckets one answer may hold. */
  public static final int MAX_POINTS = 5000;

  private final History history;
  private final DeviceViews devices;

  TelemetrySeries(History history, DeviceViews devices) {
    this.history = history;
    this.devices = devices;
  }

  /**
   * @param metrics the metrics to chart; empty: every metric the history holds
   * @param interval a bucket length asked for, or null to choose one from the range
   * @param maxPoints the most buckets wanted
   */
  public Series series(
      String deviceId,
      List<String> metrics,
      Instant from,
      Instant to,
      Duration interval,
      int maxPoints) {
    if (!devices.exists(deviceId)) {
      throw new NotFoundException("no device with id " + deviceId);
    }
    if (from == null) {
      throw new BadRequestException("from", "is required, e.g. 2026-11-01T00:00:00Z");
    }
    Instant end = to == null ? Instant.now() : to;
    if (!from.isBefore(end)) {
      throw new BadRequestException("to", "must be after from");
    }
    if (maxPoints < 1 || maxPoints > MAX_POINTS) {
      throw new BadRequestException("maxPoints", "must be between 1 and " + MAX_POINTS);
    }
    Duration range = Duration.between(from, end);
    Duration step;
    if (interval == null) {
      step = SeriesInterval.choose(range, maxPoints);
    } else {
      if (interval.toMillis() < 1) {
        throw new BadRequestException("interval", "must be at least 1ms");
      }
      if (SeriesInterval.buckets(range, interval) > MAX_POINTS) {
        throw new BadRequestException(
            "interval", "gives more than " + MAX_POINTS + " points over this range");
      }
      step = interval;
    }
    return history.query(
        h -> h.series(deviceId, metrics.isEmpty() ? h.metricNames() : metrics, from, end, step));
  }
}
