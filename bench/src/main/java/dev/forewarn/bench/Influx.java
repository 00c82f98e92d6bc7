package dev.forewarn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The InfluxQL questions the benchmark asks, over InfluxDB's v1 HTTP API. */
final class Influx {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final String database;
  private final HttpClient http = HttpClient.newHttpClient();

  Influx(String url, String database) {
    this.url = url;
    this.database = database;
  }

  String database() {
    return database;
  }

  /**
   * Readings stored for devices whose id starts with {@code prefix}: the points that hold the field
   * {@code field}, a metric every one of those readings carries (seq is optional).
   */
  long count(String prefix, String field) throws IOException, InterruptedException {
    JsonNode series =
        query(
                "SELECT count(\""
                    + field
                    + "\") FROM telemetry WHERE device_id =~ /^"
                    + prefix.replace(".", "\\.")
                    + "/")
            .path("results")
            .path(0)
            .path("series");
    return series.isEmpty() ? 0 : series.path(0).path("values").path(0).path(1).asLong();
  }

  /**
   * Readings stored per device, for devices whose id starts with {@code prefix}: the points that
   * hold the field {@code field} (seq is optional, a metric every reading carries counts them all).
   */
  Map<String, Long> countByDevice(String prefix, String field)
      throws IOException, InterruptedException {
    Map<String, Long> counts = new HashMap<>();
    for (JsonNode series :
        query(
                "SELECT count(\""
                    + field
                    + "\") FROM telemetry WHERE device_id =~ /^"
                    + prefix
                    + "/ GROUP BY device_id")
            .path("results")
            .path(0)
            .path("series")) {
      counts.put(
          series.path("tags").path("device_id").asText(),
          series.path("values").path(0).path(1).asLong());
    }
    return counts;
  }

  /**
   * Points InfluxDB has accepted into this database's shards since it started, from its own
   * statistics ({@code SHOW STATS FOR 'shard'}). Cheap to ask while points stream in, unlike a
   * count, which reads every stored point and competes with the writes being measured.
   */
  long pointsWritten() throws IOException, InterruptedException {
    long written = 0;
    for (JsonNode shard : query("SHOW STATS FOR 'shard'").path("results").path(0).path("series")) {
      if (database.equals(shard.path("tags").path("database").asText())) {
        JsonNode columns = shard.path("columns");
        for (int i = 0; i < columns.size(); i++) {
          if ("writePointsOk".equals(columns.path(i).asText())) {
            written += shard.path("values").path(0).path(i).asLong();
          }
        }
      }
    }
    return written;
  }

  private JsonNode query(String influxQl) throws IOException, InterruptedException {
    URI uri =
        URI.create(
            url
                + "/query?db="
                + database
                + "&q="
                + URLEncoder.encode(influxQl, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("InfluxDB answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
