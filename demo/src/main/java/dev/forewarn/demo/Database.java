package dev.forewarn.demo;

import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The demo's PostgreSQL. A configured one gets a schema of the run's own, dropped at the end; an
 * embedded one is a PostgreSQL server started from the binaries inside a Maven artifact, with its
 * data in the run's directory, and goes away with it. Both are in the run's ledger, so that a
 * killed run's schema or server is removed by the next run.
 */
final class Database implements AutoCloseable {

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final Optional<String> schema;
  private final String description;
  private final EmbeddedPostgres embedded;

  private Database(
      String jdbcUrl,
      String user,
      String password,
      Optional<String> schema,
      String description,
      EmbeddedPostgres embedded) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.schema = schema;
    this.description = description;
    this.embedded = embedded;
  }

  static Database startOrUse(DemoConfig config, RunNames names, RunLedger ledger, Path runDirectory)
      throws IOException {
    if (config.jdbcUrl().isPresent()) {
      String url = config.jdbcUrl().get();
      String schema = names.schema();
      ledger.record(new Leftover.PostgresSchema(url, config.jdbcUser(), schema));
      return new Database(
          url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
          config.jdbcUser(),
          config.jdbcPassword(),
          Optional.of(schema),
          "configured PostgreSQL, schema " + schema + " (dropped at exit)",
          null);
    }
    Path data = runDirectory.resolve("postgresql");
    // The library's default wait of 10 s is too short on a busy two-core machine.
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            // Its own choice of a free port could be the one the web server takes next.
            .setPort(MqttBroker.freePortOtherThan(config.port()))
            .setDataDirectory(data)
            .setCleanDataDirectory(true)
            .setPGStartupWait(Duration.ofSeconds(60))
            .start();
    // The server runs in a session of its own (pg_ctl detaches it), so it outlives a killed demo.
    postmaster(data).flatMap(Leftover.LocalProcess::of).ifPresent(ledger::record);
    return new Database(
        pg.getJdbcUrl("postgres", "postgres"),
        "postgres",
        "postgres",
        Optional.empty(),
        "embedded PostgreSQL on port " + pg.getPort() + " (discarded at exit)",
        pg);
  }

  private static Optional<ProcessHandle> postmaster(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    String first = Files.readAllLines(pidFile).get(0).trim();
    return ProcessHandle.of(Long.parseLong(first));
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** The schema Flyway should create and use, when it is not the database's default. */
  Optional<String> schema() {
    return schema;
  }

  String description() {
    return description;
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
