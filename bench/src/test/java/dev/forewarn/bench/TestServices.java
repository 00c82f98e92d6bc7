package dev.forewarn.bench;

/** Where the real services of the integration tests are, as ./forewarn test exports them. */
final class TestServices {

  static final String MQTT_URL = env("FOREWARN_TEST_MQTT_URL", "tcp://127.0.0.1:11883");
  static final String INFLUX_URL = env("FOREWARN_TEST_INFLUX_URL", "http://127.0.0.1:8086");
  static final String JDBC_URL =
      env("FOREWARN_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/forewarn_test");
  static final String JDBC_USER = env("FOREWARN_TEST_JDBC_USER", "forewarn");
  static final String JDBC_PASSWORD = env("FOREWARN_TEST_JDBC_PASSWORD", "forewarn");

  private TestServices() {}

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
