package dev.forewarn.demo;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the demo keeps reading history. InfluxDB has no embedded form: the demo uses one that
 * answers, starts an installed {@code influxd} with its own data directory, or runs without
 * history.
 */
final class History implements AutoCloseable {

  private static final String LOCAL = "http://127.0.0.1:8086";

  private final Optional<String> url;
  private final String description;
  private final Process started;

  private History(Optional<String> url, String description, Process started) {
    this.url = url;
    this.description = description;
    this.started = started;
  }

  static History findOrStart(Optional<String> configuredUrl) throws IOException {
    if (configuredUrl.isPresent()) {
      return new History(configuredUrl, "configured InfluxDB", null);
    }
    if (pings(LOCAL)) {
      return new History(Optional.of(LOCAL), "local InfluxDB", null);
    }
    Optional<Path> influxd = onPath("influxd");
    if (influxd.isEmpty()) {
      return new History(
          Optional.empty(),
          "off: no InfluxDB answers on " + LOCAL + " and none is installed (history not written)",
          null);
    }
    return start(influxd.get());
  }

  private static History start(Path influxd) throws IOException {
    Path dir = Files.createTempDirectory("forewarn-influx");
    Path conf = dir.resolve("influxdb.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "reporting-disabled = true",
            "bind-address = \"127.0.0.1:18088\"",
            "[meta]",
            "  dir = \"" + dir.resolve("meta") + "\"",
            "[data]",
            "  dir = \"" + dir.resolve("data") + "\"",
            "  wal-dir = \"" + dir.resolve("wal") + "\"",
            "  query-log-enabled = false",
            "[http]",
            "  bind-address = \"127.0.0.1:8086\"",
            "  log-enabled = false",
            ""));
    Process process =
        new ProcessBuilder(influxd.toString(), "-config", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("influxd.log").toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (pings(LOCAL)) {
        return new History(
            Optional.of(LOCAL), "InfluxDB started by the demo, data in " + dir, process);
      }
      sleep(200);
    }
    process.destroy();
    return new History(
        Optional.empty(),
        "off: influxd did not answer within 20 s (log: " + dir.resolve("influxd.log") + ")",
        null);
  }

  Optional<String> url() {
    return url;
  }

  String description() {
    return description;
  }

  static boolean pings(String base) {
    try {
      HttpResponse<Void> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofMillis(500))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/ping"))
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

  private static Optional<Path> onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    for (String dir : new String[] {"/usr/bin", "/usr/sbin"}) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (started != null) {
      started.destroy();
    }
  }
}
