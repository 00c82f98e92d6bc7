package dev.forewarn.demo;

import static dev.forewarn.demo.TestServices.JDBC_PASSWORD;
import static dev.forewarn.demo.TestServices.JDBC_URL;
import static dev.forewarn.demo.TestServices.JDBC_USER;
import static dev.forewarn.demo.TestServices.MQTT_URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.ingest.mqtt.MqttSessions;
import dev.forewarn.ingest.mqtt.RetainedTopics;
import dev.forewarn.ingest.runs.Leftover;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Demo runs as a user has them, each a JVM of its own (as {@code ./forewarn demo} starts it) on the
 * real Mosquitto and InfluxDB with its embedded PostgreSQL: one run is interrupted part-way, killed
 * or stopped by a signal, and the next one must start from a clean slate, with no dead letters and
 * its first case as early as in an undisturbed run. A signal must stop a run in order, with its
 * summary line and nothing of it left on the services.
 */
class DemoRestartIT {

  /** A short run: 6 devices, 2 of them failing 15 s in, the summary at 20 s. */
  private static final String[] SCENARIO = DemoProcess.shortFleet(20);

  /**
   * The same fleet for a run to be interrupted: long enough that it cannot end by itself before the
   * test stops it, however slowly a loaded machine starts it.
   */
  private static final String[] PART_WAY = DemoProcess.shortFleet(600);

  /** How much later than in the undisturbed run a first case may open on a loaded machine. */
  private static final Duration LATENESS = Duration.ofSeconds(3);

  @TempDir static Path state;

  private static DemoProcess.Summary undisturbed;

  /** Interrupted runs, killed after their test should it fail before stopping them. */
  private static final List<DemoProcess> RUNS = new ArrayList<>();

  @BeforeAll
  static void undisturbedRun() throws Exception {
    undisturbed = completeRun("undisturbed");
  }

  @AfterEach
  void killWhatIsLeftRunning() throws Exception {
    for (DemoProcess run : RUNS) {
      run.close();
    }
    RUNS.clear();
  }

  @Test
  void runAfterOneKilledPartWayHasNoDeadLettersAndItsFirstCaseOnTime() throws Exception {
    PartWay killed = PartWay.start("killed", PART_WAY);
    long deadLetters = killed.run().deadLetters();
    System.out.println("killed: dead_letters=" + deadLetters + " when it was killed");
    assertThat(deadLetters).isZero();
    killed.run().killHard();
    assertThat(killed.leftovers())
        .as("what the killed run made and could not remove")
        .contains(new Leftover.MqttSession(MQTT_URL, killed.names().jobSession()))
        .anyMatch(Leftover.LocalProcess.class::isInstance);

    assertNextRunStartsClean("after-killed");
    assertGone(killed);
  }

  @Test
  void ctrlCToTheProcessGroupStopsInOrderAndTheNextRunStartsClean() throws Exception {
    PartWay stopped = PartWay.start("ctrl-c", PART_WAY);

    stopped.run().signalGroup("INT");

    assertStoppedInOrder(stopped.run(), "SIGINT");
    assertGone(stopped);
    assertNextRunStartsClean("after-ctrl-c");
  }

  @Test
  void sigtermToTheJavaProcessAloneStopsInOrderAndDropsTheRunsSchema() throws Exception {
    PartWay stopped =
        PartWay.start(
            "sigterm",
            concat(
                PART_WAY,
                "--jdbc-url",
                JDBC_URL,
                "--jdbc-user",
                JDBC_USER,
                "--jdbc-password",
                JDBC_PASSWORD));
    String schema = stopped.names().schema();
    assertThat(stopped.leftovers())
        .contains(new Leftover.PostgresSchema(JDBC_URL, JDBC_USER, schema));
    assertThat(schemaExists(schema)).isTrue();

    stopped.run().signal("TERM");

    assertStoppedInOrder(stopped.run(), "SIGTERM");
    assertGone(stopped);
    assertThat(schemaExists(schema)).isFalse();
  }

  /**
   * A run at its part-way point: its job has stored a few of the fleet's readings.
   *
   * @param leftovers what its ledger lists then
   */
  private record PartWay(DemoProcess run, RunNames names, List<Leftover> leftovers) {

    static PartWay start(String name, String... args) throws Exception {
      DemoProcess run = DemoProcess.start(name, state, args);
      RUNS.add(run);
      RunNames names = run.names();
      run.awaitLine("demo: console on", DemoProcess.START_UP);
      await("readings stored by run " + names.id())
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> storedReadings(names) >= 30);
      return new PartWay(run, names, listed(names));
    }
  }

  /** The run after an interrupted one: no dead letters, its first case on time. */
  private static void assertNextRunStartsClean(String name) throws Exception {
    DemoProcess.Summary next = completeRun(name);

    assertThat(next.deadLetters()).isZero();
    assertThat(next.firstCase()).hasValueSatisfying(firstCaseOnTime());
  }

  /** Runs a demo to its end and returns its summary, after checking that it ended well. */
  private static DemoProcess.Summary completeRun(String name) throws Exception {
    try (DemoProcess run = DemoProcess.start(name, state, SCENARIO)) {
      RunNames names = run.names();
      assertThat(run.awaitExit(DemoProcess.START_UP.plus(DemoProcess.STOPPING))).isZero();
      DemoProcess.Summary summary = run.summary();
      System.out.println(name + ": " + run.summaryLine());
      assertThat(summary.casesOpened()).as("cases opened by %s", name).isEqualTo(2);
      assertThat(summary.firstCase()).as("first case of %s", name).isPresent();
      assertThat(Files.exists(ledger(names))).isFalse();
      return summary;
    }
  }

  private static void assertStoppedInOrder(DemoProcess run, String signal) throws Exception {
    assertThat(run.awaitExit(DemoProcess.STOPPING)).isZero();
    System.out.println(signal + ": " + run.summaryLine());
    assertThat(run.summary().deadLetters()).isZero();
    List<String> lines = run.lines();
    assertThat(lines).contains("demo: " + signal + ": stopping (a second signal exits at once)");
    assertThat(run.summary().readings()).isPositive();
    assertThat(lines.get(lines.size() - 1)).startsWith("demo: readings=");
    assertThat(lines)
        .as("errors while stopping (log: %s)", run.log())
        .noneMatch(line -> line.contains(" ERROR ") || line.contains("Exception"));
  }

  private static java.util.function.Consumer<Duration> firstCaseOnTime() {
    Duration latest = undisturbed.firstCase().orElseThrow().plus(LATENESS);
    return firstCase -> assertThat(firstCase).isLessThanOrEqualTo(latest);
  }

  /** What the run's ledger lists, read while the run is going. */
  private static List<Leftover> listed(RunNames names) throws Exception {
    return Files.readAllLines(ledger(names)).stream()
        .filter(line -> !line.startsWith("#"))
        .map(Leftover::parse)
        .toList();
  }

  /** Nothing of the run is left: not its ledger, sessions, rules, history, server or files. */
  private static void assertGone(PartWay stopped) throws Exception {
    RunNames names = stopped.names();
    assertThat(Files.exists(ledger(names))).isFalse();
    assertThat(sessionPresent(names.jobSession()))
        .as("session %s on the broker", names.jobSession())
        .isFalse();
    assertThat(RetainedTopics.list(MQTT_URL, names.rulesTopic(), Duration.ofSeconds(10))).isEmpty();
    assertThat(TestServices.influx("", "SHOW DATABASES").toString())
        .doesNotContain(names.influxDatabase());
    for (Leftover leftover : stopped.leftovers()) {
      if (leftover instanceof Leftover.LocalProcess server) {
        assertThat(ProcessHandle.of(server.pid()).filter(ProcessHandle::isAlive))
            .as("server process %d", server.pid())
            .isEmpty();
      }
      if (leftover instanceof Leftover.LocalDirectory directory) {
        assertThat(directory.path()).doesNotExist();
      }
    }
  }

  private static Path ledger(RunNames names) {
    return state.resolve("runs").resolve(names.ledger() + ".ledger");
  }

  /** Whether the broker holds a session for the id; ends the session this check opens. */
  private static boolean sessionPresent(String clientId) throws Exception {
    boolean present;
    try (MqttClient client = new MqttClient(MQTT_URL, clientId, new MemoryPersistence())) {
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(false);
      present = client.connectWithResult(options).getSessionPresent();
      client.disconnect();
    }
    MqttSessions.end(MQTT_URL, clientId);
    return present;
  }

  private static long storedReadings(RunNames names) throws Exception {
    JsonNode values =
        TestServices.influx(names.influxDatabase(), "SELECT count(seq) FROM telemetry")
            .path("results")
            .path(0)
            .path("series")
            .path(0)
            .path("values")
            .path(0);
    return values.path(1).asLong();
  }

  private static boolean schemaExists(String schema) throws Exception {
    try (Connection db = DriverManager.getConnection(JDBC_URL, JDBC_USER, JDBC_PASSWORD);
        Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = '" + schema + "'")) {
      return rows.next();
    }
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
