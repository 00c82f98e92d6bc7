package dev.forewarn.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Optional;

/**
 * The demo's PostgreSQL: the configured one, otherwise a PostgreSQL server started from the
 * binaries inside a Maven artifact, in a temporary directory that goes away with it.
 */
final class Database implements AutoCloseable {

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String description;
  private final EmbeddedPostgres embedded;

  private Database(
      String jdbcUrl, String user, String password, String description, EmbeddedPostgres embedded) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.description = description;
    this.embedded = embedded;
  }

  static Database startOrUse(Optional<String> jdbcUrl, String user, String password)
      throws IOException {
    if (jdbcUrl.isPresent()) {
      return new Database(jdbcUrl.get(), user, password, "configured PostgreSQL", null);
    }
    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
    return new Database(
        pg.getJdbcUrl("postgres", "postgres"),
        "postgres",
        "postgres",
        "embedded PostgreSQL on port " + pg.getPort() + " (discarded at exit)",
        pg);
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
