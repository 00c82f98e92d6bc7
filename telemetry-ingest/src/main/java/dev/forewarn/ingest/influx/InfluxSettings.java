package dev.forewarn.ingest.influx;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how readings are written to InfluxDB.
 *
 * @param url the HTTP address, e.g. {@code http://127.0.0.1:8086}
 * @param username user name, empty when InfluxDB has no authentication
 * @param password password, empty for none
 * @param database the database, created when missing
 * @param batchSize points per write; a full batch is written at once
 * @param flushInterval the longest a point waits in a partly filled batch
 * @param bufferPoints the most points held for InfluxDB while it is slow or away; beyond it the
 *     oldest are dropped and counted
 */
public record InfluxSettings(
    String url,
    String username,
    String password,
    String database,
    int batchSize,
    Duration flushInterval,
    long bufferPoints)
    implements Serializable {

  /** The default bound of the history buffer: about 40 MB of readings. */
  public static final long DEFAULT_BUFFER_POINTS = 200_000;

  /** Settings with the default buffer. */
  public InfluxSettings(
      String url,
      String username,
      String password,
      String database,
      int batchSize,
      Duration flushInterval) {
    this(url, username, password, database, batchSize, flushInterval, DEFAULT_BUFFER_POINTS);
  }

  public InfluxSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(flushInterval, "flushInterval");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be 1 or more, got " + batchSize);
    }
    if (bufferPoints < batchSize) {
      throw new IllegalArgumentException(
          "bufferPoints must hold a batch (" + batchSize + "), got " + bufferPoints);
    }
  }

  @Override
  public String toString() {
    return "InfluxSettings[url=" + url + ", database=" + database + ", username=" + username + "]";
  }
}
