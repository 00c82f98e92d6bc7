package dev.forewarn.bench;

import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * What the scenarios of one {@code bench faults} run share: a directory of its own (broker data,
 * checkpoints, logs), its own Mosquitto, a PostgreSQL schema and an InfluxDB database. Each is
 * listed in the run's ledger before it is made (a process once started), and {@link #close} removes
 * them all, newest first: the processes, then the stores, then the directory.
 */
final class FaultRun implements AutoCloseable {

  private final String run;
  private final RunLedger ledger;
  private final Path dir;
  private final Influx influx;
  private final String influxUrl;
  private final String schemaUrl;
  private final String schema;
  private final String user;
  private final String password;
  private OwnMosquitto broker;

  FaultRun(String run, String influxUrl, String jdbc, String user, String password)
      throws Exception {
    this.run = run;
    this.influxUrl = influxUrl;
    this.user = user;
    this.password = password;
    this.schema = "faults_" + run;
    influx = new Influx(influxUrl, "forewarn_faults_" + run);
    ledger = BenchRuns.start("bench-faults-" + run, jdbc, user, password);
    try {
      dir =
          ledger
              .record(
                  new Leftover.LocalDirectory(
                      Path.of(System.getProperty("java.io.tmpdir"), "forewarn-faults-" + run)
                          .toAbsolutePath()))
              .path();
      Files.createDirectories(dir);
      schemaUrl = BenchRuns.migratedSchema(ledger, jdbc, user, password, schema);
      ledger.record(new Leftover.InfluxDatabase(influxUrl, influx.database()));
      broker = OwnMosquitto.start(ledger, dir.resolve("mosquitto"), repository());
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  String run() {
    return run;
  }

  RunLedger ledger() {
    return ledger;
  }

  Path dir() {
    return dir;
  }

  OwnMosquitto broker() {
    return broker;
  }

  Influx influx() {
    return influx;
  }

  /** Where a scenario's rules are published: each scenario's job reads its own rules only. */
  String rulesTopic(String scenario) {
    return "forewarn/bench/" + run + "/" + scenario + "/rules";
  }

  /**
   * The job's options for this run's stores and broker.
   *
   * @param shared whether the job reads telemetry through a shared subscription, or through a plain
   *     one as by default
   */
  List<String> jobOptions(String clientId, String rulesTopic, boolean shared) {
    return List.of(
        "--mqtt-url",
        broker.url(),
        "--mqtt-client-id",
        clientId,
        "--mqtt-share-group",
        shared ? clientId : "",
        "--rules-topic",
        rulesTopic + "/+",
        "--parallelism",
        "1",
        "--checkpoint-interval",
        "1s",
        "--influx-url",
        influxUrl,
        "--influx-database",
        influx.database(),
        "--jdbc-url",
        schemaUrl,
        "--jdbc-user",
        user);
  }

  String jdbcPassword() {
    return password;
  }

  /** The JDBC URL of the run's schema. */
  String schemaUrl() {
    return schemaUrl;
  }

  /** Publishes a rule document retained under a rules topic (gone with the broker). */
  void publishRule(String rulesTopic, String id, String document) throws Exception {
    try (MqttClient client =
        new MqttClient(broker.url(), "faults-" + run + "-rules", new MemoryPersistence())) {
      client.connect();
      client.publish(rulesTopic + "/" + id, document.getBytes(StandardCharsets.UTF_8), 1, true);
      client.disconnect();
    }
  }

  /** OPENED case events per {@code device/rule}, for devices whose id starts with prefix. */
  Map<String, Long> openedCases(String prefix) throws Exception {
    return openedCases(schemaUrl, user, password, prefix);
  }

  /** OPENED case events per {@code device/rule} in the schema {@code url} names. */
  static Map<String, Long> openedCases(String url, String user, String password, String prefix)
      throws Exception {
    Map<String, Long> opened = new HashMap<>();
    try (Connection db = DriverManager.getConnection(url, user, password);
        PreparedStatement query =
            db.prepareStatement(
                "SELECT device_id, rule_id, count(*) FROM case_events"
                    + " WHERE type = 'OPENED' AND starts_with(device_id, ?)"
                    + " GROUP BY device_id, rule_id")) {
      query.setString(1, prefix);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          opened.put(rows.getString(1) + "/" + rows.getString(2), rows.getLong(3));
        }
      }
    }
    return opened;
  }

  String schema() {
    return schema;
  }

  String jdbcUser() {
    return user;
  }

  @Override
  public void close() throws IOException {
    BenchRuns.finish(ledger);
  }

  /** The repository's root: where config/mosquitto/forewarn.conf is, from here or above. */
  private static Path repository() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("config/mosquitto/forewarn.conf"))) {
        return dir;
      }
    }
    throw new IOException(
        "config/mosquitto/forewarn.conf not found here or above: run from the" + " repository");
  }
}
