package dev.forewarn.bench;

import dev.forewarn.ingest.runs.Commands;
import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto of one benchmark run, on a free port of 127.0.0.1, with Forewarn's shipped settings
 * (config/mosquitto/forewarn.conf: persistence on) and its data in the run's directory, so that the
 * run may stop and start it. Each process is listed in the run's ledger once started.
 */
final class OwnMosquitto implements AutoCloseable {

  private static final Path SHIPPED = Path.of("config", "mosquitto", "forewarn.conf");

  private final RunLedger ledger;
  private final Path dir;
  private final Path conf;
  private final int port;
  private Process process;

  private OwnMosquitto(RunLedger ledger, Path dir, Path conf, int port) {
    this.ledger = ledger;
    this.dir = dir;
    this.conf = conf;
    this.port = port;
  }

  /**
   * Writes the configuration into {@code dir} and starts the broker.
   *
   * @param repository the repository's root, where config/mosquitto/forewarn.conf is
   */
  static OwnMosquitto start(RunLedger ledger, Path dir, Path repository) throws IOException {
    Files.createDirectories(dir);
    // Started as root, Mosquitto runs as its own user: it must write its data and log here.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "# Written by bench faults: the shipped settings, on a port and directory of its own.");
    lines.add("listener " + port + " 127.0.0.1");
    lines.add("allow_anonymous true");
    lines.add("persistence_location " + dir + "/");
    lines.add("log_dest file " + dir.resolve("mosquitto.log"));
    lines.addAll(Files.readAllLines(repository.resolve(SHIPPED)));
    Path conf = Files.write(dir.resolve("mosquitto.conf"), lines);
    Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
    OwnMosquitto broker = new OwnMosquitto(ledger, dir, conf, port);
    broker.startProcess();
    return broker;
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Stops the broker as an operator would (SIGTERM): Mosquitto saves its database on the way. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * SIGKILL, as a machine failure: Mosquitto saves nothing on the way, so what it took since its
   * last autosave is gone.
   */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts the broker again on the same port and data; returns once it accepts connections. */
  void startAgain() throws IOException, InterruptedException {
    startProcess();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private void startProcess() throws IOException {
    process =
        new ProcessBuilder(binary(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
            .start();
    Leftover.LocalProcess.of(process.toHandle()).ifPresent(ledger::record);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!answers()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IOException(
            "mosquitto did not start on port " + port + "; see " + dir.resolve("mosquitto.log"));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while mosquitto started", e);
      }
    }
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String binary() throws IOException {
    return Commands.find("mosquitto")
        .orElseThrow(
            () -> new IOException("mosquitto is not installed: scripts/services.sh up installs it"))
        .toString();
  }
}
