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
 */
public record InfluxSettings(
    String url,
    String username,
    String password,
    String database,
    int batchSize,
    Duration flushInterval)
    implements Serializable {

  public InfluxSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(flushInterval, "flushInterval");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be 1 or more, got " + batchSize);
    }
  }

  @Override
  public String toString() {
    return "InfluxSettings[url=" + url + ", database=" + database + ", username=" + username + "]";
  }
}
