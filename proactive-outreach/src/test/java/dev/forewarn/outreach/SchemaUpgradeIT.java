package dev.forewarn.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.outreach.config.LateMigrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database that an earlier release migrated is upgraded by the service's own Flyway settings,
 * also when a later release adds a migration numbered below one already applied (V26_1 came after
 * V27): it is applied, not refused at start.
 */
class SchemaUpgradeIT {

  private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");

  private final TestSchema schema = new TestSchema();

  @TempDir Path earlierRelease;

  @Test
  void aMigrationNumberedBelowTheAppliedOnesIsAppliedOnUpgrade() throws Exception {
    copyMigrationsExcept("V26_1__", earlierRelease);
    Flyway.configure()
        .dataSource(TestSchema.databaseUrl(), TestSchema.user(), TestSchema.password())
        .schemas(schema.name())
        .locations("filesystem:" + earlierRelease)
        .load()
        .migrate();
    assertThat(columnExists("cases", "followed_episode")).isFalse();

    try (ConfigurableApplicationContext service = migrateAsTheServiceDoes()) {
      JdbcTemplate jdbc = new JdbcTemplate(service.getBean(DataSource.class));
      assertThat(
              jdbc.queryForObject(
                  "SELECT success FROM flyway_schema_history WHERE version = '26.1'",
                  Boolean.class))
          .isTrue();
    }
    assertThat(columnExists("cases", "followed_episode")).isTrue();
  }

  @AfterEach
  void dropSchema() throws SQLException {
    try (Connection connection = connect()) {
      connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema.name() + " CASCADE");
    }
  }

  /**
   * Only what the service's start runs on its database: its datasource and Flyway, its settings.
   */
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
  @Import(LateMigrations.class)
  static class MigrationsOnly {}

  /** Starts what the service starts on its database, with its settings and this schema. */
  private ConfigurableApplicationContext migrateAsTheServiceDoes() {
    return new SpringApplicationBuilder(MigrationsOnly.class)
        .web(WebApplicationType.NONE)
        .run(
            "--spring.datasource.url=" + schema.url(),
            "--spring.datasource.username=" + TestSchema.user(),
            "--spring.datasource.password=" + TestSchema.password(),
            "--spring.flyway.schemas=" + schema.name());
  }

  private static void copyMigrationsExcept(String prefix, Path into) throws IOException {
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      List<Path> all = files.toList();
      List<Path> kept =
          all.stream().filter(file -> !file.getFileName().toString().startsWith(prefix)).toList();
      assertThat(kept).hasSize(all.size() - 1);
      for (Path file : kept) {
        Files.copy(file, into.resolve(file.getFileName()));
      }
    }
  }

  private boolean columnExists(String table, String column) throws SQLException {
    try (Connection connection = connect();
        var statement =
            connection.prepareStatement(
                "SELECT 1 FROM information_schema.columns"
                    + " WHERE table_schema = ? AND table_name = ? AND column_name = ?")) {
      statement.setString(1, schema.name());
      statement.setString(2, table);
      statement.setString(3, column);
      return statement.executeQuery().next();
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        TestSchema.databaseUrl(), TestSchema.user(), TestSchema.password());
  }
}
