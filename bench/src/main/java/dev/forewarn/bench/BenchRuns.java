package dev.forewarn.bench;

import dev.forewarn.ingest.runs.Credentials;
import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import java.io.IOException;
import org.flywaydb.core.Flyway;

/**
 * Starts a benchmark run's ledger (see {@link RunLedger}), after removing what earlier runs on this
 * machine that were killed left on the shared broker, InfluxDB and PostgreSQL: a benchmark measures
 * the services as they are, and a killed run's persistent sessions would go on receiving, and
 * slowing, every reading the next run publishes.
 */
final class BenchRuns {

  private BenchRuns() {}

  static RunLedger start(String run, String jdbcUrl, String jdbcUser, String jdbcPassword)
      throws IOException {
    Credentials credentials = Credentials.jdbc(jdbcUrl, jdbcUser, jdbcPassword);
    var ledgers = RunLedger.directory(System.getenv());
    for (RunLedger.Cleanup swept : RunLedger.sweep(ledgers, credentials)) {
      swept.leftBehind().ifPresent(BenchRuns::say);
      swept.notRemoved().forEach(BenchRuns::say);
    }
    return RunLedger.create(ledgers, run, credentials);
  }

  /**
   * Makes a schema of the run's own with the service's migrations, listed in the ledger before it
   * is made; returns its JDBC URL.
   */
  static String migratedSchema(
      RunLedger ledger, String jdbcUrl, String jdbcUser, String jdbcPassword, String schema)
      throws IOException {
    ledger.record(new Leftover.PostgresSchema(jdbcUrl, jdbcUser, schema));
    Flyway.configure()
        .dataSource(jdbcUrl, jdbcUser, jdbcPassword)
        .schemas(schema)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return schemaUrl(jdbcUrl, schema);
  }

  /** The JDBC URL of a schema in the database {@code jdbcUrl} names. */
  static String schemaUrl(String jdbcUrl, String schema) {
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Removes what the run listed so far, saying what could not be. */
  static void clear(RunLedger ledger) {
    ledger.removeAll().notRemoved().forEach(BenchRuns::say);
  }

  /** Removes what the run listed and ends its ledger. */
  static void finish(RunLedger ledger) throws IOException {
    clear(ledger);
    ledger.close();
  }

  private static void say(String line) {
    System.out.println("bench: " + line);
  }
}
