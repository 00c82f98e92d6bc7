package dev.forewarn.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A database of its own on the real InfluxDB, holding history in the job's form (measurement {@code
 * telemetry}, tags {@code device_id} and {@code model}, a float field per metric, integer {@code
 * seq}), written with InfluxDB's line protocol over its HTTP API and dropped afterwards.
 */
public final class InfluxFixture implements AutoCloseable {

  public static final String URL =
      TestSchema.env("FOREWARN_TEST_INFLUX_URL", "http://127.0.0.1:8086");

  private final HttpClient http = HttpClient.newHttpClient();
  private final String database =
      "outreach_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final StringBuilder lines = new StringBuilder();

  public InfluxFixture() {
    query("CREATE DATABASE " + database);
  }

  public String database() {
    return database;
  }

  /** Queues one reading as the job writes it. */
  public InfluxFixture reading(String device, Instant at, long seq, Map<String, Double> metrics) {
    lines
        .append("telemetry,device_id=")
        .append(device)
        .append(",model=AC-200 ")
        .append(
            metrics.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%s", e.getValue()))
                .collect(Collectors.joining(",")))
        .append(",seq=")
        .append(seq)
        .append("i ")
        .append(at.toEpochMilli())
        .append('\n');
    return this;
  }

  /** Queues one line of line protocol as it is, such as a reading of another format. */
  public InfluxFixture line(String line) {
    lines.append(line).append('\n');
    return this;
  }

  /** Writes what was queued. */
  public void write() {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(URL + "/write?precision=ms&db=" + database))
                .POST(HttpRequest.BodyPublishers.ofString(lines.toString()))
                .build());
    assertThat(answer.statusCode()).as("InfluxDB write: %s", answer.body()).isEqualTo(204);
    lines.setLength(0);
  }

  @Override
  public void close() {
    query("DROP DATABASE " + database);
  }

  private void query(String statement) {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        URL + "/query?q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(answer.statusCode()).as("InfluxDB %s: %s", statement, answer.body()).isEqualTo(200);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("InfluxDB at " + URL + " did not answer", e);
    }
  }
}
