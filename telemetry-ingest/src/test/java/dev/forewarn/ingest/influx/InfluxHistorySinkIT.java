package dev.forewarn.ingest.influx;

import static dev.forewarn.ingest.testing.Fixtures.T0;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_1M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_2M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_3M;
import static dev.forewarn.ingest.testing.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forewarn.history.InfluxConnection;
import dev.forewarn.history.TelemetryHistory;
import dev.forewarn.ingest.testing.Services;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The history sink against the real InfluxDB, queried back with InfluxQL. */
class InfluxHistorySinkIT {

  @RegisterExtension static final MiniClusterExtension CLUSTER = new MiniClusterExtension();

  private final String database = "forewarn_it_" + UUID.randomUUID().toString().substring(0, 8);
  private final InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl());

  @AfterEach
  void dropDatabase() {
    influx.query(new Query("DROP DATABASE \"" + database + "\"", null, true));
    influx.close();
  }

  @Test
  void createsTheDatabaseAndWritesOnePointPerReadingAtTheDevicesOwnTime() throws Exception {
    List<Reading> readings =
        List.of(
            reading("dev-1", T0, 70.5),
            reading("dev-1", T0_PLUS_1M, 71.5),
            reading("dev-1", T0_PLUS_2M, 72.5),
            reading("dev-2", T0, 60.0),
            reading("dev-2", T0_PLUS_1M, 61.0));

    write(readings);

    List<List<Object>> rows =
        select("SELECT time, device_id, model, compressor_temp_c, seq FROM telemetry");
    assertThat(rows).hasSize(5);
    assertThat(rows)
        .contains(List.of(T0.toString(), "dev-1", "AC-200", 70.5, 0.0))
        .contains(List.of(T0_PLUS_1M.toString(), "dev-2", "AC-200", 61.0, 1.0));
    assertThat(fieldTypes())
        .containsEntry("compressor_temp_c", "float")
        .containsEntry("seq", "integer");
  }

  @Test
  void namesWithSpacesCommasAndEqualsSignsAndNumbersWithExponentsReadBackAsSent() throws Exception {
    write(
        List.of(
            new Reading(
                "hall 3,a=b", T0, 7, "AC 200", Map.of("temp, inlet=c", -2.0e-7, "big", 1.5e300))));

    List<List<Object>> rows =
        select("SELECT device_id, model, \"temp, inlet=c\", big, seq FROM telemetry");
    assertThat(rows)
        .containsExactly(List.of(T0.toString(), "hall 3,a=b", "AC 200", -2.0e-7, 1.5e300, 7.0));
  }

  @Test
  void namesWithLineBreaksAndTrailingBackslashesCanNeitherBreakNorForgeALine() throws Exception {
    write(
        List.of(
            new Reading(
                "dev-a\\",
                T0,
                1,
                "AC-200\ntelemetry,device_id=forged temp=99 0",
                Map.of("temp\\", 1.0, "nul\u0000name", 2.0)),
            new Reading("dev-b", T0, 2, "AC-200", Map.of("temp\\", 3.0))));

    assertThat(select("SHOW TAG VALUES FROM telemetry WITH KEY = device_id"))
        .extracting(row -> row.get(1))
        .containsExactlyInAnyOrder("dev-a\uFFFD", "dev-b");
    assertThat(select("SELECT count(seq) FROM telemetry").get(0).get(1)).isEqualTo(2.0);
  }

  @Test
  void aReplayedReadingOverwritesItsPointInsteadOfAddingOne() throws Exception {
    write(List.of(reading("dev-1", T0, 70.5), reading("dev-1", T0_PLUS_1M, 71.5)));

    write(List.of(reading("dev-1", T0, 70.5), reading("dev-1", T0_PLUS_1M, 99.0)));

    assertThat(select("SELECT compressor_temp_c FROM telemetry WHERE device_id = 'dev-1'"))
        .extracting(row -> row.get(1))
        .containsExactly(70.5, 99.0);
  }

  @Test
  void theHistoryReaderGivesBackOneDevicesReadingsOfATimeRangeInOrder() throws Exception {
    write(
        List.of(
            reading("dev-1", T0_PLUS_2M, 72.5),
            reading("dev-1", T0, 70.5),
            reading("dev-1", T0_PLUS_1M, 71.5),
            reading("dev-2", T0_PLUS_1M, 61.0)));

    List<Reading> readings;
    try (TelemetryHistory reader =
        new TelemetryHistory(new InfluxConnection(Services.influxUrl(), "", "", database))) {
      readings = reader.read("dev-1", T0_PLUS_1M, T0_PLUS_3M);
    }

    assertThat(readings)
        .containsExactly(reading("dev-1", T0_PLUS_1M, 71.5), reading("dev-1", T0_PLUS_2M, 72.5));
  }

  @Test
  void theHistoryReaderNamesTheProblemWhenTheDatabaseIsMissing() {
    try (TelemetryHistory reader =
        new TelemetryHistory(
            new InfluxConnection(Services.influxUrl(), "", "", database + "_missing"))) {
      assertThatThrownBy(() -> reader.read("dev-1", T0, T0_PLUS_3M))
          .hasMessageContaining("database not found");
    }
  }

  private void write(List<Reading> readings) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    InfluxSettings settings =
        new InfluxSettings(Services.influxUrl(), "", "", database, 2, Duration.ofMillis(100));
    env.fromData(readings, TypeInformation.of(Reading.class))
        .sinkTo(new InfluxHistorySink(settings));
    env.execute("influx-history-it");
  }

  private List<List<Object>> select(String query) {
    QueryResult result = influx.query(new Query(query, database));
    assertThat(result.getError()).isNull();
    return result.getResults().get(0).getSeries().get(0).getValues();
  }

  private Map<String, String> fieldTypes() {
    return select("SHOW FIELD KEYS FROM telemetry").stream()
        .collect(Collectors.toMap(row -> (String) row.get(0), row -> (String) row.get(1)));
  }
}
