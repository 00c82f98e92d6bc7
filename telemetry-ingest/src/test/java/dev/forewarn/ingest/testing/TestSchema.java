package dev.forewarn.ingest.testing;

import dev.forewarn.ingest.cases.JdbcSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A fresh PostgreSQL schema for one test class, migrated with proactive-outreach's own Flyway
 * scripts (the schema's owner), dropped afterwards.
 */
public final class TestSchema implements AutoCloseable {

  private static final Path MIGRATIONS =
      Path.of("..", "proactive-outreach", "src", "main", "resources", "db", "migration");

  private final String name;

  private TestSchema(String name) {
    this.name = name;
  }

  /** A new schema with the whole outreach schema in it. */
  public static TestSchema migrated() {
    TestSchema schema = empty();
    if (!Files.isDirectory(MIGRATIONS)) {
      throw new IllegalStateException("migrations not found at " + MIGRATIONS.toAbsolutePath());
    }
    Flyway.configure()
        .dataSource(Services.jdbcUrl(), Services.jdbcUser(), Services.jdbcPassword())
        .schemas(schema.name)
        .defaultSchema(schema.name)
        .locations("filesystem:" + MIGRATIONS.toAbsolutePath())
        .load()
        .migrate();
    return schema;
  }

  /** A new schema with no tables. */
  public static TestSchema empty() {
    String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE SCHEMA " + name);
    return new TestSchema(name);
  }

  public String name() {
    return name;
  }

  public JdbcSettings jdbc() {
    return Services.jdbc(name);
  }

  @Override
  public void close() {
    execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
  }

  private static void execute(String sql) {
    try (Connection connection =
            DriverManager.getConnection(
                Services.jdbcUrl(), Services.jdbcUser(), Services.jdbcPassword());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
