package dev.forewarn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.outreach.OutreachApplication;
import dev.forewarn.outreach.security.Role;
import dev.forewarn.outreach.security.tokens.ApiTokens;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The outreach service running in this JVM on its own PostgreSQL schema, with SMS going to a Twilio
 * stand-in and email to the sandbox; customers and devices are added through its REST API as any
 * client would, with a manager's API token. Closing stops the service and drops the schema.
 */
final class OutreachService implements AutoCloseable {

  private final OutreachBenchConfig config;
  private final String schema;
  private final ConfigurableApplicationContext context;
  private final String baseUrl;
  private final String token;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private OutreachService(
      OutreachBenchConfig config, String schema, ConfigurableApplicationContext context) {
    this.config = config;
    this.schema = schema;
    this.context = context;
    this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    this.token =
        context
            .getBean(ApiTokens.class)
            .issue("outreach-bench", Role.MANAGER, null, null, "bench")
            .token();
  }

  /** Starts the service; on failure removes whatever part of the schema it made. */
  static OutreachService start(OutreachBenchConfig config, String schema, String twilioBaseUrl)
      throws SQLException {
    try {
      return new OutreachService(config, schema, run(config, schema, twilioBaseUrl));
    } catch (RuntimeException e) {
      dropSchema(config, schema);
      throw e;
    }
  }

  private static ConfigurableApplicationContext run(
      OutreachBenchConfig config, String schema, String twilioBaseUrl) {
    return new SpringApplicationBuilder(OutreachApplication.class)
        .registerShutdownHook(false)
        .run(
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--spring.main.banner-mode=off",
            "--spring.datasource.url=" + BenchRuns.schemaUrl(config.jdbcUrl(), schema),
            "--spring.datasource.username=" + config.jdbcUser(),
            "--spring.datasource.password=" + config.jdbcPassword(),
            "--spring.flyway.schemas=" + schema,
            "--forewarn.security.link-key=" + linkKey(),
            "--forewarn.twilio.account-sid=" + TwilioStandIn.ACCOUNT_SID,
            "--forewarn.twilio.auth-token=" + TwilioStandIn.AUTH_TOKEN,
            "--forewarn.twilio.from-number=" + TwilioStandIn.FROM,
            "--forewarn.twilio.base-url=" + twilioBaseUrl,
            // Twilio is configured, so the service needs the URL its webhooks are signed for.
            "--forewarn.outreach.public-url=https://care.forewarn.test",
            "--forewarn.outbox.workers=" + config.outboxWorkers(),
            "--spring.datasource.hikari.maximum-pool-size=" + (config.outboxWorkers() + 6));
  }

  /** A case-link signing key for this run only. */
  private static String linkKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** Registers a customer with a phone number and an email address; returns their id. */
  long addCustomer(String name, String phone, String email) throws IOException {
    return post("/api/customers", Map.of("name", name, "phone", phone, "email", email))
        .get("id")
        .asLong();
  }

  void addDevice(String deviceId, long customerId) throws IOException {
    post("/api/devices", Map.of("deviceId", deviceId, "customerId", customerId, "model", "AC-200"));
  }

  /**
   * Gives the planner statistics for the tables set-up just filled, as a database in service has; a
   * fresh schema would otherwise be planned as if empty until autovacuum happens to analyze it.
   */
  void analyze() throws SQLException {
    try (Connection db = connect();
        Statement statement = db.createStatement()) {
      statement.execute("ANALYZE customers, devices");
    }
  }

  /** Outbox rows by status, e.g. {@code SENT=12000}. */
  Map<String, Long> outboxByStatus() throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (Connection db = connect();
        Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT status, count(*) FROM outbox GROUP BY status")) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    }
    return counts;
  }

  /**
   * Where the time went, from the database's own clock: p50/p99 milliseconds from a case event's
   * storage to its case (intake), and from an SMS outbox row's creation to its sending (dispatch).
   */
  String stages() throws SQLException {
    try (Connection db = connect();
        Statement statement = db.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT (SELECT percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY"
                    + "   EXTRACT(EPOCH FROM c.created_at - e.stored_at) * 1000)"
                    + "   FROM case_events e JOIN cases c ON c.id = e.case_id),"
                    + " (SELECT percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY"
                    + "   EXTRACT(EPOCH FROM sent_at - created_at) * 1000)"
                    + "   FROM outbox WHERE channel = 'sms' AND status = 'SENT')")) {
      row.next();
      Double[] intake = (Double[]) row.getArray(1).getArray();
      Double[] dispatch = (Double[]) row.getArray(2).getArray();
      return String.format(
          java.util.Locale.ROOT,
          "intake p50=%.0f ms p99=%.0f ms, sms dispatch p50=%.0f ms p99=%.0f ms",
          intake[0],
          intake[1],
          dispatch[0],
          dispatch[1]);
    }
  }

  private JsonNode post(String path, Object body) throws IOException {
    return ApiCalls.post(http, baseUrl, token, path, body);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(
        BenchRuns.schemaUrl(config.jdbcUrl(), schema), config.jdbcUser(), config.jdbcPassword());
  }

  /** Stops the service and drops the schema, once, whether called at the end or on Ctrl-C. */
  @Override
  public void close() throws SQLException {
    if (closed.compareAndSet(false, true)) {
      context.close();
      dropSchema(config, schema);
    }
  }

  private static void dropSchema(OutreachBenchConfig config, String schema) throws SQLException {
    try (Connection db =
            DriverManager.getConnection(
                config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        Statement statement = db.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
