package dev.forewarn.ingest.job;

import static dev.forewarn.ingest.testing.Fixtures.T0;
import static dev.forewarn.ingest.testing.Fixtures.devices;
import static dev.forewarn.ingest.testing.Fixtures.overheating;
import static dev.forewarn.ingest.testing.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.forewarn.history.InfluxConnection;
import dev.forewarn.history.LatestReading;
import dev.forewarn.history.TelemetryHistory;
import dev.forewarn.ingest.testing.JobArgs;
import dev.forewarn.ingest.testing.Mqtt;
import dev.forewarn.ingest.testing.Services;
import dev.forewarn.ingest.testing.TestSchema;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import dev.forewarn.rules.reading.SenmlPack;
import dev.forewarn.simulator.mqtt.RawPublisher;
import dev.forewarn.simulator.mqtt.WireFormat;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job as {@link IngestJob#start} runs it (embedded local environment, parallelism 2) against
 * the real Mosquitto, InfluxDB and PostgreSQL.
 */
class IngestJobIT {

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String degrading = "it-" + run + "-degrading";
  private final String healthy = "it-" + run + "-healthy";
  private final String probe = "it-" + run + "-probe";
  private final String wrongClock = "it-" + run + "-clock";
  private final String rulesTopic = "forewarn-it/" + run + "/rules";
  private final String clientId = "it-job-" + run;
  private final String influxDatabase = "forewarn_it_" + run;
  private final TestSchema schema = TestSchema.migrated();

  @AfterEach
  void cleanUp() throws Exception {
    try (Mqtt mqtt = new Mqtt()) {
      mqtt.clearRetained(rulesTopic + "/overheat");
      mqtt.clearRetained(rulesTopic + "/probe");
    }
    Mqtt.discardSessions(clientId + "-0", clientId + "-1", clientId + "-sparkplug-0");
    InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl());
    influx.query(new Query("DROP DATABASE \"" + influxDatabase + "\"", null, true));
    influx.close();
    schema.close();
  }

  @Test
  void storesHistoryOpensOneCaseForTheDegradingDeviceAndKeepsTheRefusedMessage() throws Exception {
    JobClient job = IngestJob.start(config());
    try (Mqtt mqtt = new Mqtt()) {
      mqtt.retain(
          rulesTopic + "/overheat",
          RuleJson.toJson(overheating("overheat", 1, devices(degrading, healthy))));
      mqtt.retain(rulesTopic + "/probe", RuleJson.toJson(probeRule()));
      waitUntilTheJobOpensACaseForTheProbe(mqtt);

      for (int minute = 0; minute < 6; minute++) {
        Instant at = T0.plusSeconds(60L * minute);
        publish(mqtt, reading(degrading, at, 70 + 5 * minute));
        publish(mqtt, reading(healthy, at, 60));
      }
      mqtt.publish(ReadingJson.telemetryTopic(degrading), "{\"ts\": \"yesterday\"}");
      publish(mqtt, reading(wrongClock, T0, 60));
      for (String ts : List.of("+99999-01-01T00:00:00Z", "1970-01-01T00:00:00Z")) {
        mqtt.publish(
            ReadingJson.telemetryTopic(wrongClock),
            "{\"ts\": \"" + ts + "\", \"metrics\": {\"compressor_temp_c\": 60}}");
      }

      await()
          .atMost(60, TimeUnit.SECONDS)
          .untilAsserted(
              () -> {
                assertThat(cases(degrading)).containsExactly("OPENED overheat");
                assertThat(
                        count("dead_letters WHERE topic = 'devices/" + degrading + "/telemetry'"))
                    .isEqualTo(1);
                assertThat(historyPoints(degrading)).isEqualTo(6);
                assertThat(historyPoints(healthy)).isEqualTo(6);
                assertThat(
                        column(
                            "SELECT clock FROM dead_letters WHERE device_id = '"
                                + wrongClock
                                + "' ORDER BY clock"))
                    .containsExactly("ahead", "before_earliest");
                assertThat(historyPoints(wrongClock)).isEqualTo(1);
              });
      assertThat(cases(healthy)).isEmpty();
      assertThat(
              column(
                  "SELECT reason FROM dead_letters WHERE topic = 'devices/"
                      + degrading
                      + "/telemetry'"))
          .singleElement()
          .satisfies(reason -> assertThat(reason).startsWith("ts:"));
      // The counts a client (the demo) reads from the running job.
      await()
          .atMost(30, TimeUnit.SECONDS)
          .untilAsserted(
              () -> {
                Map<String, Object> counts = job.getAccumulators().get(10, TimeUnit.SECONDS);
                assertThat((Long) counts.get("readings")).isGreaterThanOrEqualTo(12L);
                assertThat((Long) counts.get("dead_letters")).isGreaterThanOrEqualTo(1L);
              });
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void sparkplugSenmlAndSeqlessDevicesGetTheirCaseAsEarlyAsAJsonDevice() throws Exception {
    String senml = "it-" + run + "-senml";
    String unnumbered = "it-" + run + "-unnumbered";
    String edgeNode = "it-" + run + "-edge";
    WireFormat sparkplugWire = new WireFormat(WireFormat.Kind.SPARKPLUG);
    String sparkplug = sparkplugWire.jobDeviceId(edgeNode);
    JobClient job = IngestJob.start(config("--sparkplug-groups", WireFormat.SPARKPLUG_GROUP));
    try (Mqtt mqtt = new Mqtt()) {
      mqtt.retain(
          rulesTopic + "/overheat",
          RuleJson.toJson(
              overheating("overheat", 1, devices(degrading, senml, unnumbered, sparkplug))));
      mqtt.retain(rulesTopic + "/probe", RuleJson.toJson(probeRule()));
      waitUntilTheJobOpensACaseForTheProbe(mqtt);
      // The Sparkplug reader is subscribed once data of an edge node it has no birth of comes back
      // as a dead letter.
      String unborn = "spBv1.0/" + WireFormat.SPARKPLUG_GROUP + "/NDATA/it-" + run + "-unborn";
      await()
          .atMost(60, TimeUnit.SECONDS)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                mqtt.publish(unborn, new byte[0]);
                return count("dead_letters WHERE topic = '" + unborn + "'") > 0;
              });

      for (int minute = 0; minute < 8; minute++) {
        Instant at = T0.plusSeconds(60L * minute);
        double celsius = 70 + 5 * minute;
        publish(mqtt, reading(degrading, at, celsius));
        Reading fromSenml =
            new Reading(
                senml,
                at,
                Reading.NO_SEQ,
                "",
                Map.of("compressor_temp_c", celsius),
                Map.of(),
                Reading.SENML,
                Map.of("compressor_temp_c", "Cel"));
        mqtt.publish(SenmlPack.topic(senml), SenmlPack.write(fromSenml));
        Reading withoutSeq =
            new Reading(unnumbered, at, Reading.NO_SEQ, "", Map.of("compressor_temp_c", celsius));
        // Each one twice: the second is a duplicate, by device and time.
        publish(mqtt, withoutSeq);
        publish(mqtt, withoutSeq);
        RawPublisher.Message edge =
            sparkplugWire.encode(
                new Reading(edgeNode, at, minute, "AC-200", Map.of("compressor_temp_c", celsius)));
        mqtt.publish(edge.topic(), edge.payload());
      }
      mqtt.publish(
          SenmlPack.topic(senml),
          "[{\"bn\":\"" + senml + ":\",\"bt\":1.7e9,\"n\":\"label\",\"vs\":\"hall 3\"}]");

      await()
          .atMost(60, TimeUnit.SECONDS)
          .untilAsserted(
              () -> {
                assertThat(cases(degrading)).containsExactly("OPENED overheat");
                assertThat(cases(senml)).containsExactly("OPENED overheat");
                assertThat(cases(unnumbered)).containsExactly("OPENED overheat");
                assertThat(cases(sparkplug)).containsExactly("OPENED overheat");
                assertThat(historyPoints(senml)).isEqualTo(8);
                assertThat(historyPoints(unnumbered)).isEqualTo(8);
                assertThat(count("dead_letters WHERE topic = 'devices/" + senml + "/senml'"))
                    .isEqualTo(1);
              });
      String opened =
          "SELECT occurred_at || ' ' || episode_start FROM case_events WHERE device_id = '";
      List<String> jsonCase = column(opened + degrading + "'");
      assertThat(column(opened + senml + "'")).isEqualTo(jsonCase);
      assertThat(column(opened + unnumbered + "'")).isEqualTo(jsonCase);
      assertThat(column(opened + sparkplug + "'")).isEqualTo(jsonCase);
      assertThat(
              column("SELECT reason FROM dead_letters WHERE topic = 'devices/" + senml + "/senml'"))
          .containsExactly("records[0].vs: a string value; only numbers are kept");
      assertThat(count("dead_letters WHERE topic = 'devices/" + unnumbered + "/telemetry'"))
          .isZero();

      try (TelemetryHistory history =
          new TelemetryHistory(
              new InfluxConnection(Services.influxUrl(), "", "", influxDatabase))) {
        Map<String, LatestReading> latest = history.latest(List.of(senml, unnumbered, degrading));
        assertThat(latest.get(senml).format()).isEqualTo(Reading.SENML);
        assertThat(latest.get(senml).units()).isEqualTo(Map.of("compressor_temp_c", "Cel"));
        assertThat(latest.get(senml).at()).isEqualTo(T0.plusSeconds(7 * 60));
        assertThat(latest.get(unnumbered).format()).isEqualTo(Reading.JSON);
        assertThat(latest.get(unnumbered).seq()).isEqualTo(Reading.NO_SEQ);
        assertThat(latest.get(degrading).seq()).isEqualTo(7);
        assertThat(history.read(senml, T0, T0.plusSeconds(3600)))
            .extracting(r -> r.metrics().get("compressor_temp_c"))
            .containsExactly(70.0, 75.0, 80.0, 85.0, 90.0, 95.0, 100.0, 105.0);
      }
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }

  private IngestConfig config(String... more) {
    List<String> args = JobArgs.of(clientId, rulesTopic + "/+", influxDatabase, schema);
    args.addAll(List.of(more));
    return IngestConfig.parse(args.toArray(String[]::new), Map.of());
  }

  /** Opens a case on the first reading of the probe device, proving rules and telemetry flow. */
  private Rule probeRule() {
    return Rule.threshold(
        "probe",
        1,
        "probe",
        devices(probe),
        Severity.INFO,
        "compressor_temp_c",
        Direction.ABOVE,
        10,
        10,
        Duration.ZERO,
        1);
  }

  private void waitUntilTheJobOpensACaseForTheProbe(Mqtt mqtt) {
    long[] minute = {0};
    await()
        .atMost(90, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              publish(mqtt, reading(probe, T0.plusSeconds(60 * minute[0]++), 99));
              return !cases(probe).isEmpty();
            });
  }

  private static void publish(Mqtt mqtt, Reading reading) throws Exception {
    mqtt.publish(ReadingJson.telemetryTopic(reading.deviceId()), ReadingJson.write(reading));
  }

  private List<String> cases(String deviceId) throws SQLException {
    return column(
        "SELECT type || ' ' || rule_id FROM case_events WHERE device_id = '"
            + deviceId
            + "' ORDER BY occurred_at");
  }

  private List<String> column(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = schema.jdbc().connect();
        Statement query = connection.createStatement();
        ResultSet rows = query.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private int count(String tableAndCondition) throws SQLException {
    return Integer.parseInt(column("SELECT count(*) FROM " + tableAndCondition).get(0));
  }

  private long historyPoints(String deviceId) {
    InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl());
    try {
      QueryResult result =
          influx.query(
              new Query(
                  "SELECT count(compressor_temp_c) FROM telemetry WHERE device_id = '"
                      + deviceId
                      + "'",
                  influxDatabase));
      if (result.getResults() == null || result.getResults().get(0).getSeries() == null) {
        return 0;
      }
      return ((Number) result.getResults().get(0).getSeries().get(0).getValues().get(0).get(1))
          .longValue();
    } finally {
      influx.close();
    }
  }
}
