package dev.forewarn.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code ./forewarn demo} in a JVM of its own, started as the script starts it (same main class,
 * classpath and JVM options) and leading its own process group, as a command run from a terminal
 * does, so that a test can signal the group, the Java process alone, or kill it.
 */
final class DemoProcess implements AutoCloseable {

  private static final Pattern RUN = Pattern.compile("^demo: run ([0-9a-f]{8}):");
  private static final Pattern EMBEDDED = Pattern.compile("embedded PostgreSQL on port (\\d+)");
  private static final Pattern SUMMARY =
      Pattern.compile(
          "^demo: readings=(\\d+) cases_opened=(\\d+) notifications_sent=(\\d+)"
              + " dead_letters=(\\d+) first_case_after_s=(\\S+)$");

  private final Process process;
  private final Path log;
  private final int port;

  private DemoProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** What the summary line says. */
  record Summary(
      long readings,
      long casesOpened,
      long notificationsSent,
      long deadLetters,
      Optional<Duration> firstCase) {}

  /** How long a demo may take to start on a loaded machine. */
  static final Duration START_UP = Duration.ofSeconds(180);

  /** ... and to stop. */
  static final Duration STOPPING = Duration.ofSeconds(90);

  /**
   * A short run on the test services: 6 devices, 2 of them failing 15 s in (the demo's earliest),
   * for {@code seconds}.
   *
   * @param more further options
   */
  static String[] shortFleet(int seconds, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--duration",
                Integer.toString(seconds),
                "--devices",
                "6",
                "--degrading",
                "2",
                "--mqtt-url",
                TestServices.MQTT_URL,
                "--influx-url",
                TestServices.INFLUX_URL));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /**
   * Starts a demo; its output goes to {@code target/demo-runs/<name>.log}.
   *
   * @param stateDir its {@code FOREWARN_STATE_DIR}, where run ledgers are kept
   */
  static DemoProcess start(String name, Path stateDir, String... args) throws IOException {
    Path log = Path.of("target", "demo-runs", name + ".log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add("setsid");
    // A terminal's command takes Ctrl-C even when this JVM runs where it is ignored (a background
    // job of a non-interactive shell ignores SIGINT, and children inherit that).
    command.add("env");
    command.add("--default-signal=INT,TERM");
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : System.getProperty("forewarn.demo.java-options", "").split(" ")) {
      if (!option.isBlank()) {
        command.add(option);
      }
    }
    command.addAll(
        List.of(
            "-Xmx1g",
            "-cp",
            System.getProperty("java.class.path"),
            Demo.class.getName(),
            "--port",
            Integer.toString(port)));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.remove("FOREWARN_MQTT_URL");
    env.remove("FOREWARN_JDBC_URL");
    env.remove("FOREWARN_INFLUX_URL");
    env.put("FOREWARN_STATE_DIR", stateDir.toString());
    return new DemoProcess(builder.start(), log, port);
  }

  long pid() {
    return process.pid();
  }

  /** Dead letters in the run's embedded PostgreSQL so far. */
  long deadLetters() throws IOException, SQLException {
    Matcher embedded = EMBEDDED.matcher(awaitLine("demo: postgresql: ", Duration.ofSeconds(60)));
    assertThat(embedded.find()).as("an embedded PostgreSQL").isTrue();
    try (Connection db =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + embedded.group(1) + "/postgres",
                "postgres",
                "postgres");
        Statement statement = db.createStatement();
        ResultSet count = statement.executeQuery("SELECT count(*) FROM dead_letters")) {
      count.next();
      return count.getLong(1);
    }
  }

  /** Waits for a line that starts with {@code prefix} and returns it. */
  String awaitLine(String prefix, Duration patience) throws IOException {
    await(prefix)
        .atMost(patience)
        .pollInterval(Duration.ofMillis(200))
        .failFast("the demo ended", () -> !process.isAlive() && line(prefix).isEmpty())
        .until(() -> line(prefix).isPresent());
    return line(prefix).orElseThrow();
  }

  /** The run's id, from its first line. */
  RunNames names() throws IOException {
    Matcher run = RUN.matcher(awaitLine("demo: run ", Duration.ofSeconds(60)));
    assertThat(run.find()).isTrue();
    return new RunNames(run.group(1));
  }

  /** Sends a signal to the whole process group, as a terminal does for Ctrl-C. */
  void signalGroup(String signal) throws Exception {
    kill("-" + signal, "--", "-" + process.pid());
  }

  /** Sends a signal to the Java process alone. */
  void signal(String signal) throws Exception {
    kill("-" + signal, Long.toString(process.pid()));
  }

  /** {@code kill -9}: no chance to clean up. */
  void killHard() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  int awaitExit(Duration patience) throws InterruptedException {
    assertThat(process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS))
        .as("the demo ended within %s (log: %s)", patience, log)
        .isTrue();
    return process.exitValue();
  }

  List<String> lines() throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8);
  }

  /** The summary line. */
  String summaryLine() throws IOException {
    return line("demo: readings=").orElseThrow(() -> new AssertionError("no summary in " + log));
  }

  /** The summary line's figures. */
  Summary summary() throws IOException {
    for (String line : lines()) {
      Matcher summary = SUMMARY.matcher(line);
      if (summary.matches()) {
        return new Summary(
            Long.parseLong(summary.group(1)),
            Long.parseLong(summary.group(2)),
            Long.parseLong(summary.group(3)),
            Long.parseLong(summary.group(4)),
            summary.group(5).equals("none")
                ? Optional.empty()
                : Optional.of(
                    Duration.ofMillis(Math.round(Double.parseDouble(summary.group(5)) * 1000))));
      }
    }
    throw new AssertionError("no summary line in " + log);
  }

  Path log() {
    return log;
  }

  private Optional<String> line(String prefix) throws IOException {
    return lines().stream().filter(line -> line.startsWith(prefix)).findFirst();
  }

  private static void kill(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("kill"));
    command.addAll(List.of(args));
    assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      killHard();
    }
  }
}
