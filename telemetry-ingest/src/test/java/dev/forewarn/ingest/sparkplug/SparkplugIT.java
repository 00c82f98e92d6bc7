package dev.forewarn.ingest.sparkplug;

import static dev.forewarn.ingest.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.forewarn.history.InfluxConnection;
import dev.forewarn.history.TelemetryHistory;
import dev.forewarn.ingest.job.IngestConfig;
import dev.forewarn.ingest.job.IngestJob;
import dev.forewarn.ingest.testing.JobArgs;
import dev.forewarn.ingest.testing.Mqtt;
import dev.forewarn.ingest.testing.Services;
import dev.forewarn.ingest.testing.TestSchema;
import dev.forewarn.rules.reading.Reading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edge node written with Eclipse Tahu's payload builder, against the job on the real Mosquitto,
 * InfluxDB and PostgreSQL: data before a birth, births, data by alias at metric timestamps, a
 * restart from a checkpoint without new births, and deaths.
 */
class SparkplugIT {

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String group = "it-" + run;
  private final String edge = "edge1";
  private final String clientId = "it-sp-" + run;
  private final String influxDatabase = "forewarn_it_sp_" + run;
  private final String device = group + "." + edge + ".pump7";
  private final TestSchema schema = TestSchema.migrated();

  @TempDir Path checkpoints;

  @AfterEach
  void cleanUp() throws Exception {
    Mqtt.discardSessions(clientId + "-0", clientId + "-1", clientId + "-sparkplug-0");
    try (Mqtt mqtt = new Mqtt()) {
      mqtt.clearRetained("devices/" + device + "/status");
      mqtt.clearRetained("devices/" + group + "." + edge + "/status");
    }
    InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl());
    influx.query(new Query("DROP DATABASE \"" + influxDatabase + "\"", null, true));
    influx.close();
    schema.close();
  }

  @Test
  void birthsResolveAliasesAtMetricTimesAndSurviveARestartFromACheckpoint() throws Exception {
    JobClient job = IngestJob.start(config(Optional.empty()));
    JobClient restarted = null;
    try (Mqtt mqtt = new Mqtt()) {
      List<Mqtt.Received> commands = mqtt.subscribe("spBv1.0/" + group + "/NCMD/" + edge);
      List<Mqtt.Received> status = mqtt.subscribe("devices/" + device + "/status");

      // Data before any birth: a dead letter, and the edge node is asked to rebirth.
      await()
          .atMost(90, TimeUnit.SECONDS)
          .pollInterval(1, TimeUnit.SECONDS)
          .until(
              () -> {
                mqtt.publish(topic("DDATA", "pump7"), data(0, T0, 10, 1.0));
                return !deadLetters("DDATA").isEmpty();
              });
      assertThat(deadLetters("DDATA").get(0))
          .isEqualTo(
              "DDATA before its DBIRTH of "
                  + group
                  + "/"
                  + edge
                  + "/pump7: not data until the edge node rebirths; a rebirth was requested");
      await().atMost(20, TimeUnit.SECONDS).until(() -> !commands.isEmpty());
      SparkplugBPayload rebirth =
          new SparkplugBPayloadDecoder().buildFromByteArray(commands.get(0).payload(), null);
      assertThat(rebirth.getMetrics())
          .singleElement()
          .satisfies(
              metric -> {
                assertThat(metric.getName()).isEqualTo("Node Control/Rebirth");
                assertThat(metric.getValue()).isEqualTo(true);
              });

      // The rebirth: NBIRTH, DBIRTH, then data by alias only, two timestamps in one message.
      mqtt.publish(topic("NBIRTH", null), nodeBirth());
      mqtt.publish(topic("DBIRTH", "pump7"), deviceBirth());
      SparkplugBPayload byAlias =
          new SparkplugBPayload.SparkplugBPayloadBuilder(2L)
              .setTimestamp(Date.from(T0.plusSeconds(120)))
              .addMetric(aliased(10, MetricDataType.Double, 85.5, T0.plusSeconds(60)))
              .addMetric(aliased(11, MetricDataType.Boolean, false, T0.plusSeconds(60)))
              .addMetric(aliased(12, MetricDataType.String, "hall", T0.plusSeconds(60)))
              .addMetric(aliased(10, MetricDataType.Double, 90.25, T0.plusSeconds(120)))
              .createPayload();
      mqtt.publish(topic("DDATA", "pump7"), encode(byAlias));

      await()
          .atMost(60, TimeUnit.SECONDS)
          .untilAsserted(
              () ->
                  assertThat(history(device))
                      .containsExactly(
                          Map.entry(T0, Map.of("temp_c", 70.0, "running", 1.0)),
                          Map.entry(T0.plusSeconds(60), Map.of("temp_c", 85.5, "running", 0.0)),
                          Map.entry(T0.plusSeconds(120), Map.of("temp_c", 90.25))));
      await()
          .atMost(20, TimeUnit.SECONDS)
          .until(() -> text(status).contains("{\"state\":\"online\"}"));

      // A checkpoint that holds the births, then a restart from it: no birth is sent again.
      Path checkpoint = checkpointAfterNow(job);
      job.cancel().get(30, TimeUnit.SECONDS);
      job = null;
      restarted = IngestJob.start(config(Optional.of(checkpoint)));
      int refusedBefore = deadLetters("DDATA").size();
      Instant later = T0.plusSeconds(180);
      await()
          .atMost(90, TimeUnit.SECONDS)
          .pollInterval(1, TimeUnit.SECONDS)
          .untilAsserted(
              () -> {
                mqtt.publish(topic("DDATA", "pump7"), data(3, later, 10, 97.0));
                assertThat(history(device)).containsKey(later);
              });
      assertThat(history(device).get(later)).isEqualTo(Map.of("temp_c", 97.0));
      assertThat(deadLetters("DDATA")).hasSize(refusedBefore);

      // A device death marks it offline as a device's last will does.
      mqtt.publish(
          topic("DDEATH", "pump7"),
          encode(new SparkplugBPayload.SparkplugBPayloadBuilder(4L).createPayload()));
      await()
          .atMost(20, TimeUnit.SECONDS)
          .until(() -> text(status).endsWith("{\"state\":\"offline\"}"));
    } finally {
      if (job != null) {
        job.cancel().get(30, TimeUnit.SECONDS);
      }
      if (restarted != null) {
        restarted.cancel().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private IngestConfig config(Optional<Path> restoreFrom) {
    List<String> args =
        JobArgs.of(clientId, "forewarn-it/" + run + "/rules/+", influxDatabase, schema);
    args.addAll(
        List.of("--sparkplug-groups", group, "--checkpoint-dir", checkpoints.toUri().toString()));
    restoreFrom.ifPresent(
        path -> {
          args.add("--restore-from");
          args.add(path.toUri().toString());
        });
    return IngestConfig.parse(args.toArray(String[]::new), Map.of());
  }

  private String topic(String type, String deviceId) {
    return "spBv1.0/" + group + "/" + type + "/" + edge + (deviceId == null ? "" : "/" + deviceId);
  }

  private static byte[] nodeBirth() throws Exception {
    return encode(
        new SparkplugBPayload.SparkplugBPayloadBuilder(0L)
            .setTimestamp(Date.from(T0))
            .addMetric(new Metric.MetricBuilder("bdSeq", MetricDataType.Int64, 0L).createMetric())
            .addMetric(
                new Metric.MetricBuilder("Node Control/Rebirth", MetricDataType.Boolean, false)
                    .createMetric())
            .createPayload());
  }

  private static byte[] deviceBirth() throws Exception {
    return encode(
        new SparkplugBPayload.SparkplugBPayloadBuilder(1L)
            .setTimestamp(Date.from(T0))
            .addMetric(
                new Metric.MetricBuilder("temp_c", MetricDataType.Double, 70.0)
                    .alias(10L)
                    .timestamp(Date.from(T0))
                    .createMetric())
            .addMetric(
                new Metric.MetricBuilder("running", MetricDataType.Boolean, true)
                    .alias(11L)
                    .timestamp(Date.from(T0))
                    .createMetric())
            .addMetric(
                new Metric.MetricBuilder("label", MetricDataType.String, "hall")
                    .alias(12L)
                    .timestamp(Date.from(T0))
                    .createMetric())
            .createPayload());
  }

  private static byte[] data(long seq, Instant at, long alias, double value) throws Exception {
    return encode(
        new SparkplugBPayload.SparkplugBPayloadBuilder(seq)
            .setTimestamp(Date.from(at))
            .addMetric(aliased(alias, MetricDataType.Double, value, at))
            .createPayload());
  }

  /** A metric sent by alias only, as an edge node sends data after its birth. */
  private static Metric aliased(long alias, MetricDataType type, Object value, Instant at)
      throws Exception {
    return new Metric.MetricBuilder(alias, type, value).timestamp(Date.from(at)).createMetric();
  }

  private static byte[] encode(SparkplugBPayload payload) throws IOException {
    return new SparkplugBPayloadEncoder().getBytes(payload, false);
  }

  private static String text(List<Mqtt.Received> received) {
    StringBuilder all = new StringBuilder();
    received.forEach(r -> all.append(new String(r.payload(), StandardCharsets.UTF_8)));
    return all.toString();
  }

  private List<String> deadLetters(String type) throws Exception {
    List<String> reasons = new ArrayList<>();
    try (Connection connection = schema.jdbc().connect();
        Statement query = connection.createStatement();
        ResultSet rows =
            query.executeQuery(
                "SELECT reason FROM dead_letters WHERE topic = '"
                    + topic(type, "pump7")
                    + "' ORDER BY id")) {
      while (rows.next()) {
        reasons.add(rows.getString(1));
      }
    }
    return reasons;
  }

  private Map<Instant, Map<String, Double>> history(String deviceId) {
    try (TelemetryHistory history =
        new TelemetryHistory(new InfluxConnection(Services.influxUrl(), "", "", influxDatabase))) {
      Map<Instant, Map<String, Double>> points = new java.util.LinkedHashMap<>();
      for (Reading reading : history.read(deviceId, T0.minusSeconds(1), T0.plusSeconds(3600))) {
        assertThat(reading.format()).isEqualTo(Reading.SPARKPLUG);
        points.put(reading.ts(), reading.metrics());
      }
      return points;
    } catch (IllegalStateException e) {
      return Map.of(); // the database does not exist before the first write
    }
  }

  /** The first checkpoint of the job completed from now on. */
  private Path checkpointAfterNow(JobClient job) throws Exception {
    Path jobDir = checkpoints.resolve(job.getJobID().toString());
    int[] newest = {newestCheckpoint(jobDir)};
    int after = newest[0];
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> (newest[0] = newestCheckpoint(jobDir)) > after);
    return jobDir.resolve("chk-" + newest[0]);
  }

  private static int newestCheckpoint(Path jobDir) throws IOException {
    if (!Files.isDirectory(jobDir)) {
      return -1;
    }
    try (Stream<Path> dirs = Files.list(jobDir)) {
      return dirs.filter(dir -> dir.getFileName().toString().startsWith("chk-"))
          .filter(dir -> Files.exists(dir.resolve("_metadata")))
          .map(dir -> Integer.parseInt(dir.getFileName().toString().substring(4)))
          .max(Comparator.naturalOrder())
          .orElse(-1);
    }
  }
}
