package dev.forewarn.bench;

import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * A PostgreSQL of one benchmark run (the embedded server the demo uses too), so that the run may
 * restart it without touching the machine's: its data directory in the run's directory, a free port
 * of 127.0.0.1 chosen once, and a schema migrated with the service's migrations. Closed with a fast
 * shutdown (connections cut, as a restart cuts them) and started again on the same data and port.
 * Each server process is listed in the run's ledger once started; the schema lives and goes with
 * the data directory.
 */
final class OwnPostgres implements AutoCloseable {

  static final String USER = "postgres";

  private final RunLedger ledger;
  private final Path data;
  private final int port;
  private EmbeddedPostgres server;

  private OwnPostgres(RunLedger ledger, Path data, int port) {
    this.ledger = ledger;
    this.data = data;
    this.port = port;
  }

  /**
   * Starts a server with its data in {@code dir} and makes {@code schema} in it; {@link #schemaUrl}
   * names it.
   */
  static OwnPostgres start(RunLedger ledger, Path dir, String schema) throws IOException {
    Files.createDirectories(dir);
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    OwnPostgres postgres = new OwnPostgres(ledger, dir.resolve("data"), port);
    postgres.startAgain();
    Flyway.configure()
        .dataSource(postgres.url(), USER, "")
        .schemas(schema)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return postgres;
  }

  /** The JDBC URL of the database, without a schema. */
  String url() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  /** Stops the server (a fast shutdown: open connections are cut) and keeps its data. */
  void stop() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Starts the server on the same data directory and port; returns once it takes connections. */
  void startAgain() throws IOException {
    server =
        EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setPort(port)
            // The embedded server's defaults trade durability for speed (fsync and
            // synchronous_commit off): this one keeps PostgreSQL's own, as the machine's does.
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .start();
    recordServerProcess();
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  /** The postmaster's pid is the first line of postmaster.pid while it runs. */
  private void recordServerProcess() throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return;
    }
    ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
        .flatMap(Leftover.LocalProcess::of)
        .ifPresent(ledger::record);
  }
}
