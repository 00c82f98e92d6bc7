package dev.forewarn.ingest.influx;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDB.ConsistencyLevel;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The InfluxDB v1 HTTP API as the history sink needs it. A write that InfluxDB refuses for the data
 * itself (a field type conflict, a time outside the retention policy, a line it cannot parse, any
 * other {@code partial write}) comes back as InfluxDB's reason: retrying it would never end.
 * Anything else (InfluxDB down, overloaded, refusing our credentials) is reported as an {@link
 * IOException}, and the caller tries again later.
 */
class InfluxClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InfluxClient.class);

  // InfluxDB 1.x's answer when it refused some points of a write for their data (and kept the
  // rest).
  private static final String PARTIAL_WRITE = "partial write:";

  private final InfluxSettings settings;
  private final InfluxDB influx;

  InfluxClient(InfluxSettings settings) {
    this.settings = settings;
    this.influx =
        settings.username().isEmpty()
            ? InfluxDBFactory.connect(settings.url())
            : InfluxDBFactory.connect(settings.url(), settings.username(), settings.password());
  }

  /**
   * Creates the database unless it exists (CREATE DATABASE is idempotent in InfluxDB 1.x). InfluxDB
   * 2.x and 3.x refuse the statement (a 2.x bucket needs a DBRP mapping, 3.x creates databases on
   * first write), so a refusal is logged and writing goes ahead: a database that really is missing
   * shows up as failing writes.
   */
  void createDatabase() {
    try {
      influx.query(new Query("CREATE DATABASE \"" + settings.database() + "\"", null, true));
    } catch (InfluxDBException e) {
      LOG.warn(
          "InfluxDB at {} did not create database {} ({}); writing to it anyway",
          settings.url(),
          settings.database(),
          e.getMessage());
    }
  }

  /**
   * Writes one batch of line-protocol lines with times in milliseconds, once.
   *
   * @return empty when InfluxDB took every line; otherwise its reason for refusing (some of) the
   *     data itself, which no retry would change (InfluxDB 1.x keeps the lines it did take)
   * @throws IOException when InfluxDB could not be reached or failed; worth another try later
   */
  Optional<String> write(String lines) throws IOException {
    try {
      influx.write(settings.database(), null, ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines);
      return Optional.empty();
    } catch (InfluxDBException.FieldTypeConflictException
        | InfluxDBException.PointsBeyondRetentionPolicyException
        | InfluxDBException.UnableToParseException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    } catch (InfluxDBException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(PARTIAL_WRITE)) {
        return Optional.of(e.getMessage());
      }
      if (e instanceof InfluxDBException.DatabaseNotFoundException) {
        createDatabase();
      }
      throw new IOException("InfluxDB at " + settings.url() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // The HTTP client's own failures (a reset connection, an unknown host) come unchecked.
      throw new IOException("InfluxDB at " + settings.url() + ": " + e, e);
    }
  }

  @Override
  public void close() {
    influx.close();
  }
}
