package dev.forewarn.bench;

import dev.forewarn.ingest.job.IngestConfig;
import dev.forewarn.ingest.job.IngestJob;
import dev.forewarn.ingest.job.JobReadiness;
import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The telemetry job as the demo and production run it (MQTT, InfluxDB, PostgreSQL, a threshold, a
 * trend and a rate rule for every device), in a schema, an InfluxDB database and a rules topic of
 * one run, for the benchmarks that feed it hostile input ({@code poison}, {@code fuzz}). Everything
 * it makes on the shared services is listed in the run's ledger before it is made, and removed by
 * {@link #close} (or by the next run, when this one is killed).
 */
final class HostileJob implements AutoCloseable {

  private final RunLedger ledger;
  private final Influx influx;
  private final String schemaUrl;
  private final String user;
  private final String password;
  private JobClient job;
  private JobStatusWatch watch;

  /**
   * @param name the benchmark's name, which prefixes the run's schema, database, topics and client
   *     ids
   */
  HostileJob(
      String name,
      String run,
      String mqtt,
      String influxUrl,
      String jdbc,
      String user,
      String password)
      throws Exception {
    this.user = user;
    this.password = password;
    String schema = name + "_" + run;
    influx = new Influx(influxUrl, "forewarn_" + name + "_" + run);
    String rulesTopic = "forewarn/bench/" + run + "/rules";
    ledger = BenchRuns.start(run, jdbc, user, password);
    ledger.record(new Leftover.InfluxDatabase(influxUrl, influx.database()));
    ledger.record(new Leftover.MqttSession(mqtt, name + "-" + run + "-job-0"));
    ledger.record(new Leftover.MqttRetained(mqtt, rulesTopic + "/+"));
    schemaUrl = BenchRuns.migratedSchema(ledger, jdbc, user, password, schema);
    publishRules(mqtt, name + "-" + run + "-rules", run, rulesTopic);
    job =
        IngestJob.start(
            IngestConfig.parse(
                new String[] {
                  "--mqtt-url",
                  mqtt,
                  "--mqtt-client-id",
                  name + "-" + run + "-job",
                  "--rules-topic",
                  rulesTopic + "/+",
                  "--parallelism",
                  "1",
                  "--influx-url",
                  influxUrl,
                  "--influx-database",
                  influx.database(),
                  "--jdbc-url",
                  schemaUrl,
                  "--jdbc-user",
                  user,
                  "--jdbc-password",
                  password
                },
                Map.of()));
    JobReadiness.awaitConsuming(job, mqtt, Duration.ofSeconds(90));
    watch = new JobStatusWatch(job);
    watch.start();
  }

  JobClient job() {
    return job;
  }

  Influx influx() {
    return influx;
  }

  /** The run's schema, as a JDBC URL. */
  String schemaUrl() {
    return schemaUrl;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** Times the job was seen leaving RUNNING so far. */
  int restarts() {
    return watch.restarts();
  }

  @Override
  public void close() throws Exception {
    try {
      if (watch != null) {
        watch.stop();
      }
      if (job != null) {
        job.cancel().get(30, TimeUnit.SECONDS);
      }
    } finally {
      BenchRuns.finish(ledger);
    }
  }

  /** Publishes the rules retained (the run's ledger removes them). */
  private static void publishRules(String mqtt, String clientId, String run, String topic)
      throws Exception {
    MqttClient client = new MqttClient(mqtt, clientId, new MemoryPersistence());
    try {
      client.connect();
      for (String rule : rules(run)) {
        String id = rule.substring(rule.indexOf("\"id\":\"") + 6, rule.indexOf("\","));
        client.publish(topic + "/" + id, rule.getBytes(StandardCharsets.UTF_8), 1, true);
      }
      client.disconnect();
    } finally {
      client.close();
    }
  }

  /** A threshold, a trend forecast and a rate of change on {@code temp}, for every device. */
  private static List<String> rules(String run) {
    return List.of(
        "{\"id\":\"hot-"
            + run
            + "\",\"severity\":\"warning\",\"condition\":{\"type\":\"threshold\","
            + "\"metric\":\"temp\",\"direction\":\"above\",\"level\":85}}",
        "{\"id\":\"trend-"
            + run
            + "\",\"severity\":\"warning\",\"condition\":{"
            + "\"type\":\"trend-forecast\",\"metric\":\"temp\",\"direction\":\"above\",\"limit\":90,"
            + "\"horizon\":\"P1D\",\"window\":\"PT10M\",\"buckets\":5,\"minPointsInWindow\":3,"
            + "\"minFit\":0}}",
        "{\"id\":\"rate-"
            + run
            + "\",\"severity\":\"warning\",\"condition\":{"
            + "\"type\":\"rate-of-change\",\"metric\":\"temp\",\"direction\":\"above\",\"limit\":5,"
            + "\"per\":\"minute\",\"window\":\"PT10M\",\"buckets\":5}}");
  }
}
