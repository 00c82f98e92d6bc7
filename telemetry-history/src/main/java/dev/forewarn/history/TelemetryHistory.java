package dev.forewarn.history;

import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Reads the telemetry history the job keeps in InfluxDB (InfluxQL over the v1 HTTP API): a device's
 * readings over a time range for replay through the rules, the newest reading of devices, and a
 * device's metrics downsampled by the database. Values from callers reach InfluxDB as bound
 * parameters or quoted identifiers, never as query text.
 */
public final class TelemetryHistory implements AutoCloseable {

  private static final String FROM = " FROM " + TelemetryMeasurement.NAME;

  private final InfluxDB influx;
  private final String database;

  public TelemetryHistory(InfluxConnection connection) {
    this.influx =
        connection.username().isEmpty()
            ? InfluxDBFactory.connect(connection.url())
            : InfluxDBFactory.connect(
                connection.url(), connection.username(), connection.password());
    this.database = connection.database();
  }

  /**
   * The readings of one device with {@code from <= ts < to}, in event-time order.
   *
   * @throws IllegalStateException when InfluxDB answers with an error, e.g. an unknown database
   */
  public List<Reading> read(String deviceId, Instant from, Instant to) {
    QueryResult result =
        query(
            "SELECT *"
                + FROM
                + " WHERE device_id = $device AND time >= $from AND time < $to ORDER BY time ASC",
            Map.of("device", deviceId, "from", from.toString(), "to", to.toString()));
    List<Reading> readings = new ArrayList<>();
    for (QueryResult.Series series : series(result)) {
      for (List<Object> row : series.getValues()) {
        Row values = new Row(series.getColumns(), row);
        if (values.time != null && !values.metrics.isEmpty()) {
          readings.add(
              new Reading(
                  deviceId,
                  values.time,
                  values.seq,
                  values.model,
                  values.metrics,
                  Map.of(),
                  values.format,
                  values.units));
        }
      }
    }
    return readings;
  }

  /**
   * The newest stored reading of each of the devices, in one query; devices with no history are
   * absent.
   */
  public Map<String, LatestReading> latest(Collection<String> deviceIds) {
    if (deviceIds.isEmpty()) {
      return Map.of();
    }
    StringBuilder where = new StringBuilder();
    Map<String, Object> params = new LinkedHashMap<>();
    int i = 0;
    for (String deviceId : deviceIds) {
      where.append(i == 0 ? "" : " OR ").append("device_id = $d").append(i);
      params.put("d" + i, deviceId);
      i++;
    }
    QueryResult result =
        query(
            "SELECT *"
                + FROM
                + " WHERE "
                + where
                + " GROUP BY device_id ORDER BY time DESC LIMIT 1",
            params);
    Map<String, LatestReading> latest = new LinkedHashMap<>();
    for (QueryResult.Series series : series(result)) {
      String deviceId = series.getTags().get(TelemetryMeasurement.DEVICE_TAG);
      for (List<Object> row : series.getValues()) {
        Row values = new Row(series.getColumns(), row);
        if (deviceId != null && values.time != null) {
          latest.put(
              deviceId,
              new LatestReading(
                  deviceId,
                  values.time,
                  values.seq,
                  values.model,
                  values.metrics,
                  values.format,
                  values.units));
        }
      }
    }
    return latest;
  }

  /** The float fields of the measurement: every metric any device has reported. */
  public List<String> metricNames() {
    QueryResult result = influx.query(new Query("SHOW FIELD KEYS" + FROM, database));
    List<String> names = new ArrayList<>();
    for (QueryResult.Series series : series(result)) {
      for (List<Object> row : series.getValues()) {
        String name = String.valueOf(row.get(0));
        if (!TelemetryMeasurement.SEQ_FIELD.equals(name) && "float".equals(row.get(1))) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /**
   * A device's metrics over {@code from <= ts < to}, downsampled by InfluxDB into buckets of {@code
   * interval} ({@code GROUP BY time(interval) fill(none)}): mean, min, max and count per bucket.
   * Metrics without a reading in the range are absent.
   */
  public Series series(
      String deviceId, List<String> metrics, Instant from, Instant to, Duration interval) {
    if (metrics.isEmpty()) {
      return new Series(deviceId, from, to, interval, Map.of());
    }
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < metrics.size(); i++) {
      String field = identifier(metrics.get(i));
      select
          .append(i == 0 ? "" : ", ")
          .append(
              "mean(%s) AS m%d_mean, min(%s) AS m%d_min, max(%s) AS m%d_max, count(%s) AS m%d_n"
                  .formatted(field, i, field, i, field, i, field, i));
    }
    QueryResult result =
        query(
            select
                + FROM
                + " WHERE device_id = $device AND time >= $from AND time < $to"
                + " GROUP BY time("
                + SeriesInterval.literal(interval)
                + ") fill(none)",
            Map.of("device", deviceId, "from", from.toString(), "to", to.toString()));
    Map<String, List<Series.Bucket>> buckets = new LinkedHashMap<>();
    for (QueryResult.Series series : series(result)) {
      List<String> columns = series.getColumns();
      for (List<Object> row : series.getValues()) {
        Instant start = Instant.ofEpochMilli(((Number) row.get(0)).longValue());
        for (int i = 0; i < metrics.size(); i++) {
          Object count = row.get(columns.indexOf("m" + i + "_n"));
          if (count == null || ((Number) count).longValue() == 0) {
            continue;
          }
          buckets
              .computeIfAbsent(metrics.get(i), m -> new ArrayList<>())
              .add(
                  new Series.Bucket(
                      start,
                      number(row.get(columns.indexOf("m" + i + "_mean"))),
                      number(row.get(columns.indexOf("m" + i + "_min"))),
                      number(row.get(columns.indexOf("m" + i + "_max"))),
                      ((Number) count).longValue()));
        }
      }
    }
    return new Series(deviceId, from, to, interval, buckets);
  }

  private QueryResult query(String text, Map<String, Object> params) {
    BoundParameterQuery.QueryBuilder builder =
        BoundParameterQuery.QueryBuilder.newQuery(text).forDatabase(database);
    params.forEach(builder::bind);
    return influx.query(builder.create(), TimeUnit.MILLISECONDS);
  }

  /** Every series of a result, or an exception naming InfluxDB's error. */
  private static List<QueryResult.Series> series(QueryResult result) {
    if (result.hasError()) {
      throw new IllegalStateException("InfluxDB refused the query: " + result.getError());
    }
    List<QueryResult.Series> all = new ArrayList<>();
    for (QueryResult.Result part : result.getResults()) {
      if (part.hasError()) {
        throw new IllegalStateException("InfluxDB refused the query: " + part.getError());
      }
      if (part.getSeries() != null) {
        all.addAll(part.getSeries());
      }
    }
    return all;
  }

  /** A field name as an InfluxQL identifier: double-quoted, with quotes and backslashes escaped. */
  static String identifier(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static double number(Object value) {
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }

  @Override
  public void close() {
    influx.close();
  }

  /** One stored point read back: its time, seq, model, format, metrics and their units. */
  private static final class Row {
    Instant time;
    long seq = Reading.NO_SEQ;
    String model = "";
    String format = Reading.JSON;
    final Map<String, Double> metrics = new LinkedHashMap<>();
    final Map<String, String> units = new LinkedHashMap<>();

    Row(List<String> columns, List<Object> row) {
      for (int i = 0; i < columns.size(); i++) {
        String column = columns.get(i);
        Object value = row.get(i);
        if (value == null || TelemetryMeasurement.DEVICE_TAG.equals(column)) {
          continue;
        }
        switch (column) {
          case "time" -> time = Instant.ofEpochMilli(((Number) value).longValue());
          case TelemetryMeasurement.SEQ_FIELD -> seq = ((Number) value).longValue();
          case TelemetryMeasurement.MODEL_TAG -> model = value.toString();
          case TelemetryMeasurement.FORMAT_TAG -> format = value.toString();
          default -> {
            if (column.startsWith(TelemetryMeasurement.UNIT_FIELD_PREFIX)) {
              units.put(
                  column.substring(TelemetryMeasurement.UNIT_FIELD_PREFIX.length()),
                  value.toString());
            } else if (value instanceof Number number) {
              metrics.put(column, number.doubleValue());
            }
          }
        }
      }
    }
  }
}
