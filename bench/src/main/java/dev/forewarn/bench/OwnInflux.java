package dev.forewarn.bench;

import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;

  private OwnInflux(RunLedger ledger, Path dir, Path conf, int port) {
    this.ledger = ledger;
    this.dir = dir;
    this.conf = conf;
    this.port = port;
  }

  /** Writes the configuration into {@code dir} and starts InfluxDB; returns once it answers. */
  static OwnInflux start(RunLedger ledger, Path dir) throws IOException {
    Files.createDirectories(dir);
    int port = freePort();
    int rpcPort = freePort();
    List<String> lines =
        List.of(
            "# Written by bench faults: an InfluxDB of the run's own, on ports and directories of"
                + " its own.",
            "reporting-disabled = true",
            "bind-address = \"127.0.0.1:" + rpcPort + "\"",
            "[meta]",
            "  dir = \"" + dir.resolve("meta") + "\"",
            "[data]",
            "  dir = \"" + dir.resolve("data") + "\"",
            "  wal-dir = \"" + dir.resolve("wal") + "\"",
            "  query-log-enabled = false",
            "[monitor]",
            "  store-enabled = false",
            "[http]",
            "  bind-address = \"127.0.0.1:" + port + "\"",
            "  log-enabled = false");
    Path conf = Files.write(dir.resolve("influxdb.conf"), lines);
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
    while (!answers()) {
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

  private boolean answers() {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url() + "/ping"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 204;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return free.getLocalPort();
    }
  }

  /** Where scripts/services.sh finds it too: on the PATH or in an sbin directory. */
  private static String binary() {
    for (String dir :
        List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/sbin")) {
      if (Files.isExecutable(Path.of(dir, "influxd"))) {
        return dir + "/influxd";
      }
    }
    return "influxd";
  }
}
