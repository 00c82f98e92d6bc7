package dev.forewarn.bench;

import dev.forewarn.ingest.job.IngestConfig;
import dev.forewarn.ingest.job.IngestJob;
import dev.forewarn.ingest.job.JobReadiness;
import dev.forewarn.ingest.mqtt.BufferedSockets;
import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import dev.forewarn.simulator.mqtt.RawPublisher;
import dev.forewarn.simulator.mqtt.RawPublisher.Message;
import dev.forewarn.simulator.mqtt.WireFormat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * (b) and (c): the telemetry job with a threshold rule per device and the InfluxDB sink on, in a
 * fresh database schema and InfluxDB database, with rules under a topic of the run's own. Each of
 * these, and the job's MQTT sessions, is listed in the run's ledger before it is made, and removed
 * with the ledger.
 */
final class PipelineRun implements AutoCloseable {

  private static final int BREACH_EVERY = 100;

  private final BenchConfig config;
  private final String run;
  private final Workload workload;
  private final String schema;
  private final String jdbcUrl;
  private final Influx influx;
  private final RunLedger ledger;
  private final Path checkpoints;
  private JobClient job;
  // Readings the job had counted before the first one was sent, and readings sent since.
  private long readingsBefore;
  private long sent;

  PipelineRun(BenchConfig config, String run, Workload workload, RunLedger ledger) {
    this.config = config;
    this.run = run;
    this.workload = workload;
    this.ledger = ledger;
    this.schema = "bench_" + run;
    this.jdbcUrl = BenchRuns.schemaUrl(config.jdbcUrl(), schema);
    this.influx = new Influx(config.influxUrl(), "forewarn_bench_" + run);
    this.checkpoints =
        Path.of(System.getProperty("java.io.tmpdir"), "forewarn-bench-" + run + "-checkpoints");
  }

  /** Makes the schema, publishes the rules and starts the job; returns when it consumes. */
  void start() throws Exception {
    if (config.history()) {
      ledger.record(new Leftover.InfluxDatabase(config.influxUrl(), influx.database()));
    }
    // The job reads telemetry through one plain subscription, whatever its parallelism.
    ledger.record(new Leftover.MqttSession(config.mqttUrl(), jobClientId() + "-0"));
    if (workload.format() == WireFormat.Kind.SPARKPLUG) {
      ledger.record(new Leftover.MqttSession(config.mqttUrl(), jobClientId() + "-sparkplug-0"));
    }
    ledger.record(new Leftover.MqttRetained(config.mqttUrl(), workload.rulesTopic()));
    ledger.record(new Leftover.LocalDirectory(checkpoints));
    BenchRuns.migratedSchema(
        ledger, config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(), schema);
    publishRules();
    job = IngestJob.start(IngestConfig.parse(jobArgs(), Map.of()));
    JobReadiness.awaitConsuming(job, config.mqttUrl(), Duration.ofSeconds(90));
    readingsBefore = JobReadiness.readings(job);
  }

  /**
   * Sends readings through the job unmeasured and waits until it holds them all, so that (b)
   * measures the running job rather than its first seconds (JIT compilation, every device's first
   * reading held until the watermark passes it).
   */
  void warmUp(List<Message> messages) throws Exception {
    try (RawPublisher publisher = publisher("warm-up")) {
      publisher.publishAll(messages);
    }
    sent += messages.size();
    awaitProcessed(sent);
  }

  /**
   * (b) Readings per second from the first publish until the job holds them all: accepted by
   * InfluxDB (its shard statistics, then checked once by counting the stored points), or, without
   * history, counted by the job.
   */
  double throughput(List<Message> messages) throws Exception {
    try (RawPublisher publisher = publisher("pipeline")) {
      long start = System.nanoTime();
      publisher.publishAll(messages);
      sent += messages.size();
      awaitProcessed(sent);
      double perSecond = messages.size() / ((System.nanoTime() - start) / 1e9);
      if (config.history()) {
        long stored = influx.count(workload.devicePrefix(), Workload.METRIC);
        if (stored != sent) {
          throw new IllegalStateException(
              "InfluxDB reports " + sent + " points written but holds " + stored);
        }
      }
      return perSecond;
    }
  }

  private void awaitProcessed(long count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    long done;
    while ((done = processed()) < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the job holds " + done + " of " + count + " readings after 5 minutes");
      }
      Thread.sleep(200);
    }
  }

  private long processed() throws Exception {
    return config.history() ? influx.pointsWritten() : JobReadiness.readings(job) - readingsBefore;
  }

  /**
   * (c) Publishes at {@code rate} for the warm-up and then the measured time, and notes when each
   * reading that opens a case was handed to the client; the case event's storage time is compared
   * with that for the readings after the warm-up.
   *
   * @return milliseconds from publish to stored case event, one per opened case
   */
  double[] latencies(double rate, long firstSeq) throws Exception {
    int warmUp = (int) (rate * config.warmUpSeconds());
    int count = warmUp + (int) (rate * config.latencySeconds());
    Workload.Paced paced =
        workload.paced(count, rate, Instant.now().plusSeconds(1), firstSeq, BREACH_EVERY);
    long[] sentAtMillis = new long[count];
    try (RawPublisher publisher = publisher("latency")) {
      publisher.publishAll(
          paced.messages(), rate, i -> sentAtMillis[i] = System.currentTimeMillis());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Map<String, Long> stored = Map.of();
    while (stored.size() < paced.breaches().size() && System.nanoTime() < deadline) {
      Thread.sleep(500);
      stored = openedCases();
    }
    if (!stored.keySet().containsAll(paced.breaches().keySet())) {
      throw new IllegalStateException(
          "only " + stored.size() + " of " + paced.breaches().size() + " cases were stored");
    }
    Map<String, Long> opened = stored;
    return paced.breaches().entrySet().stream()
        .filter(e -> e.getValue() >= warmUp)
        .mapToDouble(e -> opened.get(e.getKey()) - sentAtMillis[e.getValue()])
        .toArray();
  }

  /** Storage time in epoch milliseconds of every OPENED case event, by its reading's key. */
  private Map<String, Long> openedCases() throws Exception {
    Map<String, Long> stored = new HashMap<>();
    try (Connection db =
            DriverManager.getConnection(jdbcUrl, config.jdbcUser(), config.jdbcPassword());
        Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT device_id, occurred_at, stored_at FROM case_events WHERE type = 'OPENED'")) {
      while (rows.next()) {
        stored.put(
            Workload.key(rows.getString(1), rows.getTimestamp(2).toInstant()),
            rows.getTimestamp(3).getTime());
      }
    }
    return stored;
  }

  private RawPublisher publisher(String purpose) throws Exception {
    return RawPublisher.connect(
        config.mqttUrl(),
        "bench-" + run + "-" + purpose,
        1,
        config.maxInflight(),
        BufferedSockets.forUri(config.mqttUrl()).orElse(null));
  }

  private String[] jobArgs() {
    List<String> args = new ArrayList<>(List.of(baseJobArgs()));
    if (workload.format() == WireFormat.Kind.SPARKPLUG) {
      args.add("--sparkplug-groups");
      args.add(WireFormat.SPARKPLUG_GROUP);
    }
    return args.toArray(String[]::new);
  }

  private String[] baseJobArgs() {
    return new String[] {
      "--mqtt-url", config.mqttUrl(),
      "--mqtt-client-id", jobClientId(),
      "--rules-topic", workload.rulesTopic(),
      "--parallelism", Integer.toString(config.parallelism()),
      "--checkpoint-dir", checkpoints.toUri().toString(),
      "--influx-url", config.history() ? config.influxUrl() : "",
      "--influx-database", influx.database(),
      "--jdbc-url", jdbcUrl,
      "--jdbc-user", config.jdbcUser(),
      "--jdbc-password", config.jdbcPassword(),
    };
  }

  private String jobClientId() {
    return "bench-" + run + "-job";
  }

  /** Publishes every device's rule retained. */
  private void publishRules() throws Exception {
    MqttAsyncClient client =
        new MqttAsyncClient(config.mqttUrl(), "bench-" + run + "-rules", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMaxInflight(1000);
    client.connect(options).waitForCompletion(10_000);
    List<org.eclipse.paho.client.mqttv3.IMqttDeliveryToken> window = new ArrayList<>();
    for (int n = 0; n < config.devices(); n++) {
      byte[] payload = workload.ruleJson(n).getBytes(java.nio.charset.StandardCharsets.UTF_8);
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

  /**
   * Cancels the job, then ends its sessions, clears its rules and drops its InfluxDB database and
   * schema (the run's ledger).
   */
  @Override
  public void close() throws Exception {
    if (job != null) {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
    BenchRuns.clear(ledger);
  }
}
