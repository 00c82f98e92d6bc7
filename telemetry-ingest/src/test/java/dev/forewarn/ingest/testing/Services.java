package dev.forewarn.ingest.testing;

import dev.forewarn.ingest.cases.JdbcSettings;

/** Addresses of the real services the integration tests use, overridable by environment. */
public final class Services {

  private Services() {}

  public static String mqttUrl() {
    return env("FOREWARN_TEST_MQTT_URL", "tcp://127.0.0.1:11883");
  }

  public static String influxUrl() {
    return env("FOREWARN_TEST_INFLUX_URL", "http://127.0.0.1:8086");
  }

  public static String jdbcUrl() {
    return env("FOREWARN_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/forewarn_test");
  }

  public static String jdbcUser() {
    return env("FOREWARN_TEST_JDBC_USER", "forewarn");
  }

  public static String jdbcPassword() {
    return env("FOREWARN_TEST_JDBC_PASSWORD", "forewarn");
  }

  /** The test database, with connections confined to one schema. */
  public static JdbcSettings jdbc(String schema) {
    String separator = jdbcUrl().contains("?") ? "&" : "?";
    return new JdbcSettings(
        jdbcUrl() + separator + "currentSchema=" + schema, jdbcUser(), jdbcPassword());
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
