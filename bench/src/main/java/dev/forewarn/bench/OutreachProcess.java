package dev.forewarn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.ingest.runs.RunLedger;
import dev.forewarn.outreach.OutreachApplication;
import dev.forewarn.outreach.security.tokens.ApiTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The outreach service as a JVM of its own ({@link OutreachApplication#main}) on this JVM's
 * classpath and a run's PostgreSQL schema, with SMS going to a Twilio stand-in, so that a benchmark
 * can kill it as a machine failure would, start it again, and run a second instance beside it. Each
 * process is listed in the run's ledger; its output goes to {@code outreach-<name>.log}. Secrets
 * (the database password, the Twilio auth token, the case-link key) go through its environment,
 * never its command line.
 */
final class OutreachProcess extends ChildJvm {

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Where the service is and how it sends: the same for every instance of a run.
   *
   * @param settings further {@code --name=value} options (outbox lease, timeouts)
   */
  record Setup(
      String schemaUrl,
      String schema,
      String user,
      String password,
      String twilioBaseUrl,
      String linkKey,
      List<String> settings) {}

  private final Setup setup;
  private final String name;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String baseUrl;

  OutreachProcess(RunLedger ledger, Path dir, String name, Setup setup) throws IOException {
    super(ledger, Files.createDirectories(dir).resolve("outreach-" + name + ".log"));
    this.setup = setup;
    this.name = name;
  }

  /** A case-link signing key for one run. */
  static String newLinkKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /**
   * Issues a MANAGER API token straight into the service's token store in the schema, as {@code
   * ApiTokens} does (its SHA-256 and first characters kept, never the token): a service started on
   * its own has nobody signed in to issue one through the API.
   */
  static String issueManagerToken(Setup setup, String name) throws SQLException {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token =
        ApiTokens.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    try (Connection db =
            DriverManager.getConnection(setup.schemaUrl(), setup.user(), setup.password());
        PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO api_tokens (name, token_hash, prefix, role, created_by)"
                    + " VALUES (?, ?, ?, 'MANAGER', 'bench faults')")) {
      insert.setString(1, name);
      insert.setBytes(2, ApiTokens.sha256(token));
      insert.setString(3, token.substring(0, 8));
      insert.executeUpdate();
    }
    return token;
  }

  /** Starts the service and waits until its health answers UP. */
  void start(Duration patience) throws IOException, InterruptedException {
    int port = freePort();
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                // The bench's log keeps warnings only; each instance's log says what it sent.
                "--logging.level.dev.forewarn.outreach.outbox=INFO",
                "--spring.datasource.url=" + setup.schemaUrl(),
                "--spring.datasource.username=" + setup.user(),
                "--spring.flyway.schemas=" + setup.schema(),
                "--forewarn.twilio.account-sid=" + TwilioStandIn.ACCOUNT_SID,
                "--forewarn.twilio.from-number=" + TwilioStandIn.FROM,
                "--forewarn.twilio.base-url=" + setup.twilioBaseUrl(),
                "--forewarn.outreach.public-url=https://care.forewarn.test"));
    arguments.addAll(setup.settings());
    launch(
        List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
        OutreachApplication.class,
        arguments,
        Map.of(
            "SPRING_DATASOURCE_PASSWORD", setup.password(),
            "FOREWARN_TWILIO_AUTH_TOKEN", TwilioStandIn.AUTH_TOKEN,
            "FOREWARN_SECURITY_LINK_KEY", setup.linkKey()),
        "started on port " + port);
    baseUrl = "http://127.0.0.1:" + port;
    awaitHealthy(patience);
  }

  private void awaitHealthy(Duration patience) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!alive()) {
        throw new IOException("the outreach service ended while starting; see " + log());
      }
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("UP")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IOException(
        "the outreach service was not healthy within " + patience.toSeconds() + " s; see " + log());
  }

  String name() {
    return name;
  }

  /**
   * Messages this instance recorded as sent (its log's {@code sent outbox_id=} lines, every run).
   */
  long loggedSends() throws IOException {
    try (var lines = Files.lines(log())) {
      return lines
          .filter(line -> line.contains("sent outbox_id=") && !line.contains("not sent outbox_id="))
          .count();
    }
  }

  /** Registers a customer with a phone number only; returns their id. */
  long addCustomer(String token, String name, String phone) throws IOException {
    return post(token, "/api/customers", Map.of("name", name, "phone", phone)).get("id").asLong();
  }

  void addDevice(String token, String deviceId, long customerId) throws IOException {
    post(
        token,
        "/api/devices",
        Map.of("deviceId", deviceId, "customerId", customerId, "model", "AC-200"));
  }

  private JsonNode post(String token, String path, Object body) throws IOException {
    return ApiCalls.post(http, baseUrl, token, path, body);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
