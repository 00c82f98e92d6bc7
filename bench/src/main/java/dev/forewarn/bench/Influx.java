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

  /** Readings stored for devices whose id starts with {@code prefix}. */
  long count(String prefix) throws IOException, InterruptedException {
    JsonNode series =
        query(
                "SELECT count(compressor_temp_c) FROM telemetry WHERE device_id =~ /^"
                    + prefix.replace(".", "\\.")
                    + "/")
            .path("results")
            .path(0)
            .path("series");
    return series.isEmpty() ? 0 : series.path(0).path("values").path(0).path(1).asLong();
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
