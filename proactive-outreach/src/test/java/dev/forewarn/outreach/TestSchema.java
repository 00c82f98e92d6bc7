package dev.forewarn.outreach;

import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh PostgreSQL schema for one test class, made by the service's own Flyway migrations and
 * dropped when the class's Spring context closes (after the intake and dispatch loops stopped).
 */
public final class TestSchema {

  private static final String JDBC_URL =
      env("FOREWARN_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/forewarn_test");

  private final String name =
      "it_"
          + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);

  public String name() {
    return name;
  }

  /** Points the datasource and Flyway at this schema. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", this::url);
    registry.add("spring.datasource.username", TestSchema::user);
    registry.add("spring.datasource.password", TestSchema::password);
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "5");
    registry.add("spring.flyway.schemas", () -> name);
    registry.add("forewarn.security.link-key", () -> LINK_KEY);
  }

  /** The test database, without a schema. */
  static String databaseUrl() {
    return JDBC_URL;
  }

  /** The test database with this schema as the current one. */
  String url() {
    return JDBC_URL + (JDBC_URL.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  static String user() {
    return env("FOREWARN_TEST_JDBC_USER", "forewarn");
  }

  static String password() {
    return env("FOREWARN_TEST_JDBC_PASSWORD", "forewarn");
  }

  /** A signing key for case links, new for every test run (a key is never in the repository). */
  public static final String LINK_KEY = UUID.randomUUID().toString() + UUID.randomUUID().toString();

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Import into a test class's context to drop its schema when the context closes. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class DropOnClose implements DisposableBean {

    private final JdbcTemplate jdbc;
    private final String schema;

    DropOnClose(JdbcTemplate jdbc, @Value("${spring.flyway.schemas}") String schema) {
      this.jdbc = jdbc;
      this.schema = schema;
    }

    @Override
    public void destroy() {
      if (schema.startsWith("it_")) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
