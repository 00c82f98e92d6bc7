package dev.forewarn.ingest.influx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.ingest.cases.DeadLetterStore;
import dev.forewarn.ingest.testing.ManualTime;
import dev.forewarn.ingest.testing.Services;
import dev.forewarn.ingest.testing.TestSchema;
import dev.forewarn.rules.reading.Reading;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The points the real InfluxDB refuses (a field type conflict, a time its retention policy does not
 * keep) become dead letters in the real PostgreSQL, and the other points of their batch are stored.
 */
class InfluxRefusedPointsIT {

  private static TestSchema schema;

  private final String database = "forewarn_it_" + UUID.randomUUID().toString().substring(0, 8);
  private final InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl());

  @BeforeAll
  static void migrate() {
    schema = TestSchema.migrated();
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @AfterEach
  void dropDatabase() {
    influx.query(new Query("DROP DATABASE \"" + database + "\"", null, true));
    influx.close();
  }

  @Test
  void refusedPointsAreDeadLettersWithInfluxDbsReasonAndTheRestOfTheBatchIsStored()
      throws Exception {
    // History kept for an hour only, and a metric that is a string in the shard the readings go to.
    influx.query(new Query("CREATE DATABASE \"" + database + "\" WITH DURATION 1h", null, true));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    influx.write(
        database,
        null,
        InfluxDB.ConsistencyLevel.ONE,
        TimeUnit.MILLISECONDS,
        "telemetry,device_id=dev-label pressure_bar=\"high\" " + now.toEpochMilli());

    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      readings.add(reading("dev-" + i, now, i, 60 + i));
    }
    readings.add(
        3,
        new Reading(
            "dev-typed", now, 100, "", Map.of("compressor_temp_c", 70.5, "pressure_bar", 2.5)));
    readings.add(8, reading("dev-old", now.minus(Duration.ofDays(2)), 101, 71.5));

    InfluxSettings settings =
        new InfluxSettings(Services.influxUrl(), "", "", database, 100, Duration.ofSeconds(1));
    InfluxHistoryWriter writer =
        new InfluxHistoryWriter(
            settings,
            new InfluxClient(settings),
            new ManualTime(),
            new UnregisteredMetricsGroup(),
            List.of(),
            new DeadLetterStore(schema.jdbc()));
    for (Reading reading : readings) {
      writer.write(reading, null);
    }
    writer.flush(true);
    writer.close();

    assertThat(countOf("seq")).isEqualTo(10);
    List<List<String>> letters =
        rows("SELECT device_id, topic, reason, payload FROM dead_letters ORDER BY device_id");
    assertThat(letters)
        .satisfiesExactly(
            old -> {
              assertThat(old.get(0)).isEqualTo("dev-old");
              assertThat(old.get(1)).isEqualTo("devices/dev-old/telemetry");
              assertThat(old.get(2))
                  .isEqualTo(
                      "history: InfluxDB refused the point: partial write: points beyond"
                          + " retention policy dropped=1");
              assertThat(old.get(3))
                  .isEqualTo(
                      "telemetry,device_id=dev-old compressor_temp_c=71.5,seq=101i "
                          + now.minus(Duration.ofDays(2)).toEpochMilli());
            },
            typed -> {
              assertThat(typed.get(0)).isEqualTo("dev-typed");
              assertThat(typed.get(2))
                  .isEqualTo(
                      "history: InfluxDB refused the point: partial write: field type conflict:"
                          + " input field \"pressure_bar\" on measurement \"telemetry\" is"
                          + " type float, already exists as type string dropped=1");
              assertThat(typed.get(3)).startsWith("telemetry,device_id=dev-typed ");
            });
  }

  private static Reading reading(String deviceId, Instant at, long seq, double celsius) {
    return new Reading(deviceId, at, seq, "", Map.of("compressor_temp_c", celsius));
  }

  private long countOf(String field) {
    QueryResult result =
        influx.query(new Query("SELECT count(" + field + ") FROM telemetry", database));
    assertThat(result.getError()).isNull();
    return Math.round(
        ((Number) result.getResults().get(0).getSeries().get(0).getValues().get(0).get(1))
            .doubleValue());
  }

  private static List<List<String>> rows(String sql) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = schema.jdbc().connect();
        Statement query = connection.createStatement();
        ResultSet result = query.executeQuery(sql)) {
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
          row.add(result.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
