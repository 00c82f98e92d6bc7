package dev.forewarn.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A device's metrics over a time range, downsampled by InfluxDB into buckets of one interval.
 *
 * @param deviceId the device
 * @param from start of the range, inclusive
 * @param to end of the range, exclusive
 * @param interval the bucket length ({@code GROUP BY time(interval)})
 * @param metrics metric name to its buckets, oldest first; a bucket without readings is left out
 */
public record Series(
    String deviceId,
    Instant from,
    Instant to,
    Duration interval,
    Map<String, List<Bucket>> metrics) {

  public Series {
    metrics = Map.copyOf(metrics);
  }

  /**
   * One bucket of a metric.
   *
   * @param start the bucket's start
   * @param mean the mean of its readings
   * @param min the lowest reading
   * @param max the highest reading
   * @param count how many readings it holds
   */
  public record Bucket(Instant start, double mean, double min, double max, long count) {}
}
