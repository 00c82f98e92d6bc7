package dev.forewarn.ingest.runs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** An InfluxDB 1.x server (Debian's {@code influxd}) that a run starts for itself. */
public final class Influxd {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  private Influxd() {}

  /**
   * Writes {@code influxdb.conf} into {@code dir}: meta, data and WAL directories under it, the
   * HTTP API and the RPC service on 127.0.0.1 at the given ports, and neither reporting, the {@code
   * _internal} store nor request logs.
   *
   * @param heading a comment saying who wrote the file
   * @return the file, for {@code influxd run -config}
   */
  public static Path writeConfig(Path dir, int httpPort, int rpcPort, String heading)
      throws IOException {
    Files.createDirectories(dir);
    List<String> lines =
        List.of(
            "# " + heading,
            "reporting-disabled = true",
            "bind-address = \"127.0.0.1:" + rpcPort + "\"",
            "[meta]",
            "  dir = \"" + dir.resolve("meta") + "\"",
            "[data]",
            "  dir = \"" + dir.resolve("data") + "\"",
            "  wal-dir = \"" + dir.resolve("wal") + "\"",
            "  query-log-enabled = false",
            "[monitor]",
            "  store-enabled = false",
            "[http]",
            "  bind-address = \"127.0.0.1:" + httpPort + "\"",
            "  log-enabled = false");
    return Files.write(dir.resolve("influxdb.conf"), lines);
  }

  /** Whether an InfluxDB answers {@code GET /ping} at {@code url} with 204. */
  public static boolean answers(String url) {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url + "/ping"))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 204;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
