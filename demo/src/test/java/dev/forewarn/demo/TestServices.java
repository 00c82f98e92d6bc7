package dev.forewarn.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Where the real services of the integration tests are, as ./forewarn test exports them. */
final class TestServices {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String MQTT_URL = env("FOREWARN_TEST_MQTT_URL", "tcp://127.0.0.1:11883");
  static final String INFLUX_URL = env("FOREWARN_TEST_INFLUX_URL", "http://127.0.0.1:8086");
  static final String JDBC_URL =
      env("FOREWARN_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/forewarn_test");
  static final String JDBC_USER = env("FOREWARN_TEST_JDBC_USER", "forewarn");
  static final String JDBC_PASSWORD = env("FOREWARN_TEST_JDBC_PASSWORD", "forewarn");

  private TestServices() {}

  /** Asks InfluxDB an InfluxQL question, in {@code database} unless it is empty. */
  static JsonNode influx(String database, String query) throws IOException, InterruptedException {
    String uri =
        INFLUX_URL
            + "/query?q="
            + URLEncoder.encode(query, StandardCharsets.UTF_8)
            + (database.isEmpty() ? "" : "&db=" + database);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(uri))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
