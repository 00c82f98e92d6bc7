package dev.forewarn.ingest.runs;

import dev.forewarn.ingest.mqtt.MqttSessions;
import dev.forewarn.ingest.mqtt.RetainedTopics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One thing a run made outside its own process that would outlive it. Each kind has a line in a
 * {@link RunLedger} and knows how to remove itself; removing what is already gone succeeds, so a
 * leftover can be removed twice.
 */
public sealed interface Leftover {

  /** Its line in a ledger: the kind, then its fields separated by single spaces. */
  String line();

  /** What it is, in a few words, for a person. */
  String describe();

  /**
   * Removes it.
   *
   * @throws Exception when it is still there, or cannot be reached to find out
   */
  void remove(Credentials credentials) throws Exception;

  /**
   * Reads a ledger line.
   *
   * @throws IllegalArgumentException for a line that is not one of the kinds below
   */
  static Leftover parse(String line) {
    String[] part = line.split(" ", 2);
    String rest = part.length > 1 ? part[1] : "";
    String[] field = rest.split(" ");
    try {
      return switch (part[0]) {
        case MqttSession.KIND -> new MqttSession(field[0], field[1]);
        case MqttRetained.KIND -> new MqttRetained(field[0], field[1]);
        case InfluxDatabase.KIND -> new InfluxDatabase(field[0], field[1]);
        case PostgresSchema.KIND -> new PostgresSchema(field[0], field[1], field[2]);
        case LocalProcess.KIND ->
            new LocalProcess(Long.parseLong(field[0]), Instant.parse(field[1]));
        case LocalDirectory.KIND -> new LocalDirectory(Path.of(rest));
        default -> throw new IllegalArgumentException("not a ledger line: " + line);
      };
    } catch (ArrayIndexOutOfBoundsException | DateTimeParseException e) {
      throw new IllegalArgumentException("not a ledger line: " + line, e);
    }
  }

  /**
   * A persistent MQTT session: the broker queues every message its subscriptions match until the
   * session is ended or expires.
   */
  record MqttSession(String brokerUrl, String clientId) implements Leftover {
    static final String KIND = "mqtt-session";

    public MqttSession {
      LedgerFields.require(brokerUrl, "brokerUrl");
      LedgerFields.require(clientId, "clientId");
    }

    @Override
    public String line() {
      return KIND + " " + brokerUrl + " " + clientId;
    }

    @Override
    public String describe() {
      return "MQTT session " + clientId + " on " + brokerUrl;
    }

    @Override
    public void remove(Credentials credentials) throws Exception {
      MqttSessions.end(brokerUrl, clientId);
    }
  }

  /** Retained messages under a topic filter, such as the rule documents of one run. */
  record MqttRetained(String brokerUrl, String topicFilter) implements Leftover {
    static final String KIND = "mqtt-retained";

    public MqttRetained {
      LedgerFields.require(brokerUrl, "brokerUrl");
      LedgerFields.require(topicFilter, "topicFilter");
    }

    @Override
    public String line() {
      return KIND + " " + brokerUrl + " " + topicFilter;
    }

    @Override
    public String describe() {
      return "retained messages " + topicFilter + " on " + brokerUrl;
    }

    @Override
    public void remove(Credentials credentials) throws Exception {
      RetainedTopics.clear(brokerUrl, topicFilter, Duration.ofSeconds(10));
    }
  }

  /** An InfluxDB database (v1 API, no authentication). */
  record InfluxDatabase(String url, String database) implements Leftover {
    static final String KIND = "influx-database";

    public InfluxDatabase {
      LedgerFields.require(url, "url");
      LedgerFields.identifier(database, "database");
    }

    @Override
    public String line() {
      return KIND + " " + url + " " + database;
    }

    @Override
    public String describe() {
      return "InfluxDB database " + database + " on " + url;
    }

    @Override
    public void remove(Credentials credentials) throws Exception {
      String query =
          URLEncoder.encode("DROP DATABASE \"" + database + "\"", StandardCharsets.UTF_8);
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/query?q=" + query))
                      .timeout(Duration.ofSeconds(30))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
        throw new IOException(
            "InfluxDB answered " + response.statusCode() + ": " + response.body().strip());
      }
    }
  }

  /**
   * A schema in a PostgreSQL database, dropped with everything in it. The ledger keeps no password:
   * whoever removes it must know the password of {@code user} ({@link Credentials}).
   */
  record PostgresSchema(String jdbcUrl, String user, String schema) implements Leftover {
    static final String KIND = "postgres-schema";

    public PostgresSchema {
      LedgerFields.require(jdbcUrl, "jdbcUrl");
      LedgerFields.require(user, "user");
      LedgerFields.identifier(schema, "schema");
    }

    @Override
    public String line() {
      return KIND + " " + jdbcUrl + " " + user + " " + schema;
    }

    @Override
    public String describe() {
      return "PostgreSQL schema " + schema + " in " + jdbcUrl;
    }

    @Override
    public void remove(Credentials credentials) throws Exception {
      Optional<String> password = credentials.jdbcPassword(jdbcUrl, user);
      if (password.isEmpty()) {
        throw new IllegalStateException("no password known for " + user + " at " + jdbcUrl);
      }
      try (Connection db = DriverManager.getConnection(jdbcUrl, user, password.get());
          Statement statement = db.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
      }
    }
  }

  /**
   * A server the run started as a process of its own (an embedded PostgreSQL, an InfluxDB), which
   * keeps running when the run is killed. Known by its pid and start time, so that a later process
   * that happens to get the same pid is never touched.
   */
  record LocalProcess(long pid, Instant started) implements Leftover {
    static final String KIND = "process";

    public LocalProcess {
      Objects.requireNonNull(started, "started");
    }

    /** The process, when its start time can be known; otherwise it cannot be recorded safely. */
    public static Optional<LocalProcess> of(ProcessHandle process) {
      return process.info().startInstant().map(started -> new LocalProcess(process.pid(), started));
    }

    @Override
    public String line() {
      return KIND + " " + pid + " " + started;
    }

    @Override
    public String describe() {
      return "process " + pid;
    }

    @Override
    public void remove(Credentials credentials) throws Exception {
      Optional<ProcessHandle> process =
          ProcessHandle.of(pid).filter(p -> p.info().startInstant().equals(Optional.of(started)));
      if (process.isEmpty()) {
        return;
      }
      // SIGTERM first: PostgreSQL and InfluxDB shut down cleanly on it.
      process.get().destroy();
      try {
        process.get().onExit().get(15, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        process.get().destroyForcibly();
        process.get().onExit().get(5, TimeUnit.SECONDS);
      }
    }
  }

  /** A directory on this machine, deleted with everything in it. */
  record LocalDirectory(Path path) implements Leftover {
    static final String KIND = "directory";

    public LocalDirectory {
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException("path: must be absolute, was " + path);
      }
    }

    @Override
    public String line() {
      return KIND + " " + path;
    }

    @Override
    public String describe() {
      return "directory " + path;
    }

    @Override
    public void remove(Credentials credentials) throws IOException {
      if (!Files.exists(path)) {
        return;
      }
      try (Stream<Path> paths = Files.walk(path)) {
        for (Path one : paths.sorted(Comparator.reverseOrder()).toList()) {
          try {
            Files.delete(one);
          } catch (NoSuchFileException e) {
            // gone meanwhile
          }
        }
      }
    }
  }
}
