package dev.forewarn.ingest.influx;

import dev.forewarn.rules.reading.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;

/**
 * Reads stored readings back from InfluxDB, in the form {@link TelemetryPoints} wrote them: one
 * device over a time range, oldest first. The backtester replays them through the evaluators.
 */
public final class InfluxHistoryReader implements AutoCloseable {

  private final InfluxDB influx;
  private final String database;

  /** Connects with the URL, credentials and database of the settings (batching is not used). */
  public InfluxHistoryReader(InfluxSettings settings) {
    this.influx =
        settings.username().isEmpty()
            ? InfluxDBFactory.connect(settings.url())
            : InfluxDBFactory.connect(settings.url(), settings.username(), settings.password());
    this.database = settings.database();
  }

  /**
   * The readings of one device with {@code from <= ts < to}, in event-time order.
   *
   * @throws IllegalStateException when InfluxDB answers with an error, e.g. an unknown database
   */
  public List<Reading> read(String deviceId, Instant from, Instant to) {
    BoundParameterQuery query =
        BoundParameterQuery.QueryBuilder.newQuery(
                "SELECT * FROM "
                    + TelemetryLines.MEASUREMENT
                    + " WHERE device_id = $device AND time >= $from AND time < $to"
                    + " ORDER BY time ASC")
            .forDatabase(database)
            .bind("device", deviceId)
            .bind("from", from.toString())
            .bind("to", to.toString())
            .create();
    QueryResult result = influx.query(query, TimeUnit.MILLISECONDS);
    if (result.hasError()) {
      throw new IllegalStateException("InfluxDB refused the query: " + result.getError());
    }
    List<Reading> readings = new ArrayList<>();
    for (QueryResult.Result part : result.getResults()) {
      if (part.hasError()) {
        throw new IllegalStateException("InfluxDB refused the query: " + part.getError());
      }
      if (part.getSeries() != null) {
        part.getSeries().forEach(series -> addAll(deviceId, series, readings));
      }
    }
    return readings;
  }

  private static void addAll(String deviceId, QueryResult.Series series, List<Reading> out) {
    List<String> columns = series.getColumns();
    for (List<Object> row : series.getValues()) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      Instant ts = null;
      long seq = 0;
      String model = "";
      for (int i = 0; i < columns.size(); i++) {
        String column = columns.get(i);
        Object value = row.get(i);
        if (value == null || "device_id".equals(column)) {
          continue;
        }
        switch (column) {
          case "time" -> ts = Instant.ofEpochMilli(((Number) value).longValue());
          case "seq" -> seq = ((Number) value).longValue();
          case "model" -> model = value.toString();
          default -> {
            if (value instanceof Number number) {
              metrics.put(column, number.doubleValue());
            }
          }
        }
      }
      if (ts != null && !metrics.isEmpty()) {
        out.add(new Reading(deviceId, ts, seq, model, metrics));
      }
    }
  }

  @Override
  public void close() {
    influx.close();
  }
}
