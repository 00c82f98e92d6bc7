package dev.forewarn.demo;

import static dev.forewarn.demo.TestServices.INFLUX_URL;
import static dev.forewarn.demo.TestServices.JDBC_PASSWORD;
import static dev.forewarn.demo.TestServices.JDBC_URL;
import static dev.forewarn.demo.TestServices.JDBC_USER;
import static dev.forewarn.demo.TestServices.MQTT_URL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.ingest.job.IngestConfig;
import dev.forewarn.ingest.job.IngestJob;
import dev.forewarn.ingest.job.JobReadiness;
import dev.forewarn.ingest.mqtt.MqttSessions;
import dev.forewarn.outreach.OutreachApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One run of the whole pipeline on the real services, in a PostgreSQL schema and an InfluxDB
 * database of its own: the outreach service sending SMS through the Twilio SDK to a local stand-in,
 * and the telemetry job on an embedded mini cluster. Closing the run stops what it started, in
 * reverse order, and drops what it stored.
 */
final class PipelineRun implements AutoCloseable {

  /** A short name unique to this run; device ids, client ids and storage names start with it. */
  final String name;

  final String schema;
  final String influxDatabase;
  final String jdbcUrl;
  final TwilioStandIn twilio = new TwilioStandIn();
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  /** The longest a run's simulator plays, in wall seconds. */
  static final int MAX_RUN_SECONDS = 3_600;

  PipelineRun(String prefix) {
    name =
        prefix
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 8)
                .toLowerCase(Locale.ROOT);
    schema = "it_" + name;
    influxDatabase = "forewarn_it_" + name;
    jdbcUrl = JDBC_URL + (JDBC_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /**
   * Arguments that start the outreach service on a free port, in this schema, on the test broker,
   * with this key for case links; no provider is configured.
   */
  static List<String> serviceArgs(String jdbcUrl, String schema, String linkKey) {
    return List.of(
        "--server.port=0",
        "--spring.main.banner-mode=off",
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=" + JDBC_USER,
        "--spring.datasource.password=" + JDBC_PASSWORD,
        "--spring.datasource.hikari.maximum-pool-size=5",
        "--spring.flyway.schemas=" + schema,
        "--forewarn.mqtt.url=" + MQTT_URL,
        "--forewarn.security.link-key=" + linkKey);
  }

  /**
   * Starts the outreach service in the run's schema, sending SMS to the run's Twilio stand-in, with
   * these arguments added.
   */
  ConfigurableApplicationContext startOutreach(String... more) {
    List<String> args =
        new ArrayList<>(serviceArgs(jdbcUrl, schema, UUID.randomUUID() + "" + UUID.randomUUID()));
    args.addAll(
        List.of(
            "--forewarn.twilio.account-sid=" + TwilioStandIn.ACCOUNT_SID,
            "--forewarn.twilio.auth-token=" + TwilioStandIn.AUTH_TOKEN,
            "--forewarn.twilio.from-number=" + TwilioStandIn.FROM,
            "--forewarn.twilio.base-url=" + twilio.baseUrl(),
            // Twilio is configured, so the service needs the URL its webhooks are signed for.
            "--forewarn.outreach.public-url=https://care.forewarn.test"));
    args.addAll(List.of(more));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(OutreachApplication.class).run(args.toArray(String[]::new));
    cleanup.add(context::close);
    return context;
  }

  /** The service's address on this machine. */
  static String baseUrl(ConfigurableApplicationContext outreach) {
    return "http://127.0.0.1:" + outreach.getEnvironment().getProperty("local.server.port");
  }

  /** The service's REST API, called with a manager's token. */
  static OutreachApi api(ConfigurableApplicationContext outreach) {
    return new OutreachApi(baseUrl(outreach), DemoSecurity.apiToken(outreach));
  }

  /**
   * Starts the telemetry job (parallelism 2) into the run's database and schema and waits until it
   * consumes from the broker, so that nothing published afterwards is missed.
   */
  JobClient startJob() throws Exception {
    String[] args = {
      "--mqtt-url", MQTT_URL,
      "--mqtt-client-id", name + "-job",
      "--mqtt-share-group", name,
      "--parallelism", "2",
      "--influx-url", INFLUX_URL,
      "--influx-database", influxDatabase,
      "--jdbc-url", jdbcUrl,
      "--jdbc-user", JDBC_USER,
      "--jdbc-password", JDBC_PASSWORD,
      // The simulator plays a minute a second: readings run ahead of their arrival.
      "--max-future-skew", Fleet.maxFutureSkew(60, MAX_RUN_SECONDS).toString(),
    };
    JobClient job = IngestJob.start(IngestConfig.parse(args, Map.of()));
    cleanup.add(() -> job.cancel().get(30, TimeUnit.SECONDS));
    JobReadiness.awaitConsuming(job, MQTT_URL, Duration.ofSeconds(60));
    return job;
  }

  /**
   * Arguments for a simulator run of this many devices named after the run, two readings a second
   * each and a simulated minute per wall second, one of them degrading until it fails this far
   * (simulated) into the run.
   */
  String[] simulatorArgs(int devices, int seconds, Duration failureAfter) {
    return new String[] {
      "--mqtt-url",
      MQTT_URL,
      "--client-id",
      name + "-sim",
      "--devices",
      Integer.toString(devices),
      "--device-prefix",
      name + "-",
      "--model",
      Fleet.MODEL,
      "--rate",
      Integer.toString(2 * devices),
      "--duration",
      Integer.toString(seconds),
      "--time-scale",
      "60",
      "--degrading",
      "1",
      "--failure-after",
      failureAfter.toSeconds() + "s",
    };
  }

  /** Something to close with the run, before what was started earlier. */
  void closeLater(AutoCloseable closeable) {
    cleanup.add(closeable);
  }

  /** Asks the run's InfluxDB database an InfluxQL question. */
  JsonNode influx(String query) throws Exception {
    return TestServices.influx(influxDatabase, query);
  }

  @Override
  public void close() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      try {
        cleanup.get(i).close();
      } catch (Exception e) {
        System.err.println("cleanup: " + e);
      }
    }
    MqttSessions.endTelemetrySessions(MQTT_URL, name + "-job", 2);
    influx("DROP DATABASE " + influxDatabase);
    try (Connection db = DriverManager.getConnection(JDBC_URL, JDBC_USER, JDBC_PASSWORD);
        Statement statement = db.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
    twilio.close();
  }
}
