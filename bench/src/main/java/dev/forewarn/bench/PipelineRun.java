package dev.forewarn.bench;

import dev.forewarn.ingest.job.IngestConfig;
import dev.forewarn.ingest.job.IngestJob;
import dev.forewarn.ingest.job.JobReadiness;
import dev.forewarn.ingest.mqtt.MqttSessions;
import dev.forewarn.simulator.mqtt.RawPublisher;
import dev.forewarn.simulator.mqtt.RawPublisher.Message;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.flywaydb.core.Flyway;

/**
 * (b) and (c): the telemetry job with a threshold rule per device and the InfluxDB sink on, in a
 * fresh database schema and InfluxDB database that are dropped afterwards.
 */
final class PipelineRun implements AutoCloseable {

  private static final int BREACH_EVERY = 100;

  private final BenchConfig config;
  private final String run;
  private final Workload workload;
  private final String schema;
  private final String jdbcUrl;
  private final Influx influx;
  private JobClient job;

  PipelineRun(BenchConfig config, String run, Workload workload) {
    this.config = config;
    this.run = run;
    this.workload = workload;
    this.schema = "bench_" + run;
    this.jdbcUrl =
        config.jdbcUrl() + (config.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    this.influx = new Influx(config.influxUrl(), "forewarn_bench_" + run);
  }

  /** Makes the schema, publishes the rules and starts the job; returns when it consumes. */
  void start() throws Exception {
    Flyway.configure()
        .dataSource(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword())
        .schemas(schema)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    publishRules(false);
    job = IngestJob.start(IngestConfig.parse(jobArgs(), Map.of()));
    JobReadiness.awaitConsuming(job, config.mqttUrl(), Duration.ofSeconds(90));
  }

  /** (b) Readings per second from the first publish until InfluxDB holds them all. */
  double throughput(List<Message> messages) throws Exception {
    try (RawPublisher publisher = publisher("pipeline")) {
      long start = System.nanoTime();
      publisher.publishAll(messages);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      long stored = 0;
      while ((stored = influx.count(workload.devicePrefix())) < messages.size()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "InfluxDB holds " + stored + " of " + messages.size() + " readings after 5 minutes");
        }
        Thread.sleep(200);
      }
      return messages.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  /**
   * (c) Publishes at {@code rate} for the configured time; every reading that opens a case is
   * stamped with its publish time, and the case event's storage time is compared with it.
   *
   * @return milliseconds from publish to stored case event, one per opened case
   */
  double[] latencies(double rate, long firstSeq) throws Exception {
    int count = (int) (rate * config.latencySeconds());
    Instant start = Instant.now().plusSeconds(1);
    List<Message> messages = workload.paced(count, rate, start, firstSeq, BREACH_EVERY);
    int expected = Workload.breaches(count, config.devices(), BREACH_EVERY);
    try (RawPublisher publisher = publisher("latency")) {
      Thread.sleep(Math.max(0, Duration.between(Instant.now(), start).toMillis()));
      publisher.publishAll(messages, rate, i -> {});
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<Double> millis = new ArrayList<>();
    while (millis.size() < expected && System.nanoTime() < deadline) {
      Thread.sleep(500);
      millis = openedLatencies();
    }
    if (millis.size() < expected) {
      throw new IllegalStateException(
          "only " + millis.size() + " of " + expected + " cases were stored");
    }
    return millis.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private List<Double> openedLatencies() throws Exception {
    List<Double> millis = new ArrayList<>();
    try (Connection db =
            DriverManager.getConnection(jdbcUrl, config.jdbcUser(), config.jdbcPassword());
        Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT extract(epoch FROM stored_at - occurred_at) * 1000 FROM case_events WHERE type = 'OPENED'")) {
      while (rows.next()) {
        millis.add(rows.getDouble(1));
      }
    }
    return millis;
  }

  private RawPublisher publisher(String purpose) throws Exception {
    return RawPublisher.connect(
        config.mqttUrl(), "bench-" + run + "-" + purpose, 1, config.maxInflight());
  }

  private String[] jobArgs() {
    return new String[] {
      "--mqtt-url", config.mqttUrl(),
      "--mqtt-client-id", "bench-" + run + "-job",
      "--mqtt-share-group", "bench-" + run,
      "--parallelism", Integer.toString(config.parallelism()),
      "--influx-url", config.influxUrl(),
      "--influx-database", influx.database(),
      "--jdbc-url", jdbcUrl,
      "--jdbc-user", config.jdbcUser(),
      "--jdbc-password", config.jdbcPassword(),
    };
  }

  /** Publishes every device's rule retained, or removes them all with empty retained messages. */
  private void publishRules(boolean remove) throws Exception {
    MqttAsyncClient client =
        new MqttAsyncClient(config.mqttUrl(), "bench-" + run + "-rules", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMaxInflight(1000);
    client.connect(options).waitForCompletion(10_000);
    List<org.eclipse.paho.client.mqttv3.IMqttDeliveryToken> window = new ArrayList<>();
    for (int n = 0; n < config.devices(); n++) {
      byte[] payload =
          remove
              ? new byte[0]
              : workload.ruleJson(n).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      window.add(client.publish(workload.ruleTopic(n), payload, 1, true));
      if (window.size() == 500) {
        for (var token : window) {
          token.waitForCompletion(10_000);
        }
        window.clear();
      }
    }
    for (var token : window) {
      token.waitForCompletion(10_000);
    }
    client.disconnect().waitForCompletion(5_000);
    client.close();
  }

  @Override
  public void close() throws Exception {
    if (job != null) {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
    MqttSessions.endTelemetrySessions(
        config.mqttUrl(), "bench-" + run + "-job", config.parallelism());
    publishRules(true);
    influx.drop();
    try (Connection db =
            DriverManager.getConnection(
                config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        Statement statement = db.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
