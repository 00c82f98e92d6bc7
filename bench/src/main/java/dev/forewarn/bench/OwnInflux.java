package dev.forewarn.bench;

import dev.forewarn.ingest.runs.Commands;
import dev.forewarn.ingest.runs.Influxd;
import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An InfluxDB 1.x of one benchmark run (Debian's {@code influxd}), so that the run may stop it
 * without touching the machine's: its meta, data and WAL directories in the run's directory, its
 * HTTP API and its RPC service (whose default port the machine's InfluxDB holds) on free ports of
 * 127.0.0.1, reporting off. Stopped with SIGTERM and started again on the same directories and
 * ports; each process is listed in the run's ledger once started.
 */
final class OwnInflux implements AutoCloseable {

  private static final Duration START_PATIENCE = Duration.ofSeconds(60);

  private final RunLedger ledger;
  private final Path dir;
  private final Path conf;
  private final int port;
  private Process process;

  private OwnInflux(RunLedger ledger, Path dir, Path conf, int port) {
    this.ledger = ledger;
    this.dir = dir;
    this.conf = conf;
    this.port = port;
  }

  /** Writes the configuration into {@code dir} and starts InfluxDB; returns once it answers. */
  static OwnInflux start(RunLedger ledger, Path dir) throws IOException {
    int port = freePort();
    Path conf =
        Influxd.writeConfig(
            dir,
            port,
            freePort(),
            "Written by bench faults: an InfluxDB of the run's own, on ports and directories of"
                + " its own.");
    OwnInflux influx = new OwnInflux(ledger, dir, conf, port);
    influx.startProcess();
    return influx;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Stops InfluxDB as an operator would (SIGTERM): it closes its shards and WAL on the way. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Starts InfluxDB again on the same directories and ports; returns once it answers. */
  void startAgain() throws IOException {
    startProcess();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private void startProcess() throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(binary(), "run", "-config", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("influxd.log").toFile()));
    // INFLUXDB_* variables override the file: this InfluxDB takes its settings from it alone.
    builder.environment().keySet().removeIf(name -> name.startsWith("INFLUXDB_"));
    process = builder.start();
    Leftover.LocalProcess.of(process.toHandle()).ifPresent(ledger::record);
    long deadline = System.nanoTime() + START_PATIENCE.toNanos();
    while (!Influxd.answers(url())) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IOException(
            "influxd did not start on port " + port + "; see " + dir.resolve("influxd.log"));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while influxd started", e);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return free.getLocalPort();
    }
  }

  private static String binary() throws IOException {
    return Commands.find("influxd")
        .orElseThrow(
            () -> new IOException("influxd is not installed: scripts/services.sh up installs it"))
        .toString();
  }
}
