package dev.forewarn.demo;

import dev.forewarn.ingest.runs.Commands;
import dev.forewarn.ingest.runs.Influxd;
import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the demo keeps reading history. InfluxDB has no embedded form: the demo uses one that
 * answers, starts an installed {@code influxd} with its data in the run's directory, or runs
 * without history. The run writes to a database of its own, which is dropped at the end (in the
 * run's ledger, so the next run drops it when this one was killed).
 */
final class History implements AutoCloseable {

  private static final String LOCAL = "http://127.0.0.1:8086";

  private final Optional<String> url;
  private final String database;
  private final String description;
  private final Process started;

  private History(Optional<String> url, String database, String description, Process started) {
    this.url = url;
    this.database = database;
    this.description = description;
    this.started = started;
  }

  static History findOrStart(
      Optional<String> configuredUrl, RunNames names, RunLedger ledger, Path runDirectory)
      throws IOException {
    String database = names.influxDatabase();
    if (configuredUrl.isPresent()) {
      ledger.record(new Leftover.InfluxDatabase(configuredUrl.get(), database));
      return new History(configuredUrl, database, "configured InfluxDB", null);
    }
    if (Influxd.answers(LOCAL)) {
      ledger.record(new Leftover.InfluxDatabase(LOCAL, database));
      return new History(Optional.of(LOCAL), database, "local InfluxDB", null);
    }
    Optional<Path> influxd = Commands.find("influxd");
    if (influxd.isEmpty()) {
      return new History(
          Optional.empty(),
          database,
          "off: no InfluxDB answers on " + LOCAL + " and none is installed (history not written)",
          null);
    }
    return start(influxd.get(), database, ledger, runDirectory.resolve("influxdb"));
  }

  private static History start(Path influxd, String database, RunLedger ledger, Path dir)
      throws IOException {
    Path conf =
        Influxd.writeConfig(
            dir, 8086, 18088, "Written by the demo: its own InfluxDB, discarded at its exit.");
    List<String> command = new ArrayList<>();
    // In a session of its own, so that Ctrl-C in the terminal reaches the demo only, and the demo
    // stops InfluxDB after the job has written its last readings.
    Commands.find("setsid").ifPresent(setsid -> command.add(setsid.toString()));
    command.addAll(List.of(influxd.toString(), "-config", conf.toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("influxd.log").toFile())
            .start();
    Leftover.LocalProcess.of(process.toHandle()).ifPresent(ledger::record);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (Influxd.answers(LOCAL)) {
        return new History(
            Optional.of(LOCAL),
            database,
            "InfluxDB started by the demo, data in " + dir + " (discarded at exit)",
            process);
      }
      sleep(200);
    }
    process.destroy();
    return new History(
        Optional.empty(),
        database,
        "off: influxd did not answer within 20 s (log: " + dir.resolve("influxd.log") + ")",
        null);
  }

  Optional<String> url() {
    return url;
  }

  /** The run's database, when history is on. */
  String database() {
    return database;
  }

  String description() {
    return description;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (started != null) {
      started.destroy();
      try {
        started.waitFor(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
