package dev.forewarn.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.ingest.job.IngestConfig;
import dev.forewarn.ingest.job.IngestJob;
import dev.forewarn.ingest.job.JobReadiness;
import dev.forewarn.ingest.mqtt.MqttSessions;
import dev.forewarn.outreach.OutreachApplication;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The rules a manager sets through the API are the rules the running job applies, on the real
 * Mosquitto, PostgreSQL and the job's own graph on an embedded mini cluster: a change reaches the
 * running job without a restart, and the active set is the same after the job restarts and after
 * the service restarts (even when the broker lost its retained rules meanwhile).
 *
 * <p>What the job applies is read from what it does: a probe device pulses its metric above and
 * below every rule's level, and the rules that open cases for its newest pulses are the job's
 * active set.
 */
class RulesReachTheJobIT {

  private static final String MQTT_URL = env("FOREWARN_TEST_MQTT_URL", "tcp://127.0.0.1:11883");
  private static final String JDBC_URL =
      env("FOREWARN_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/forewarn_test");
  private static final String JDBC_USER = env("FOREWARN_TEST_JDBC_USER", "forewarn");
  private static final String JDBC_PASSWORD = env("FOREWARN_TEST_JDBC_PASSWORD", "forewarn");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private final String run =
      "rj" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
  private final String schema = "it_" + run;
  private final String jdbcUrl =
      JDBC_URL + (JDBC_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;

  /** A metric only this test's devices report, so rules of other runs on the broker stay silent. */
  private final String metric = "m_" + run;

  private final String linkKey = UUID.randomUUID() + "" + UUID.randomUUID();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> jobClientIds = new ArrayList<>();
  private ConfigurableApplicationContext outreach;
  private String token;
  private JobClient job;
  private long seq;
  private Instant clock = T0;

  @AfterEach
  void cleanUp() throws Exception {
    if (job != null) {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
    for (String rule : List.of("a", "b", "c", "d")) {
      try (MqttClient client = client()) {
        client.publish("forewarn/rules/" + rule(rule), new byte[0], 1, true);
        client.disconnect();
      }
    }
    for (String clientId : jobClientIds) {
      MqttSessions.endTelemetrySessions(MQTT_URL, clientId, 2);
    }
    if (outreach != null) {
      outreach.close();
    }
    try (Connection db = DriverManager.getConnection(JDBC_URL, JDBC_USER, JDBC_PASSWORD)) {
      db.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void theActiveRulesReachTheRunningJobAndSurviveRestartsOfTheJobAndTheService() throws Exception {
    startOutreach();
    put("POST", "/api/rules", rule("a", 50));
    put("POST", "/api/rules", rule("b", 60));
    put("POST", "/api/rules", rule("c", 70));
    startJob();
    jobApplies("start", Set.of(rule("a") + " v1", rule("b") + " v1", rule("c") + " v1"));

    // Changes while the job runs.
    put("POST", "/api/rules/" + rule("b") + "/deactivate", null);
    put("DELETE", "/api/rules/" + rule("c"), null);
    put("PUT", "/api/rules/" + rule("a"), rule("a", 55));
    put("POST", "/api/rules", rule("d", 40));
    Set<String> live = Set.of(rule("a") + " v2", rule("d") + " v1");
    jobApplies("changed", live);

    // The job restarts (a fresh start: no checkpoint), and a rule comes back while it is down.
    job.cancel().get(30, TimeUnit.SECONDS);
    job = null;
    put("POST", "/api/rules/" + rule("b") + "/activate", null);
    startJob();
    Set<String> afterJob = new TreeSet<>(live);
    afterJob.add(rule("b") + " v1");
    jobApplies("job-restarted", afterJob);

    // The service restarts; the broker lost its retained rules meanwhile; then the job restarts.
    outreach.close();
    outreach = null;
    job.cancel().get(30, TimeUnit.SECONDS);
    job = null;
    try (MqttClient client = client()) {
      for (String rule : List.of("a", "b", "c", "d")) {
        client.publish("forewarn/rules/" + rule(rule), new byte[0], 1, true);
      }
      client.disconnect();
    }
    startOutreach();
    startJob();
    jobApplies("service-restarted", afterJob);
    JsonNode listed = get("/api/rules");
    List<String> published = new ArrayList<>();
    listed.forEach(
        r -> {
          if (r.get("id").asText().startsWith(run) && r.get("published").asBoolean()) {
            published.add(r.get("id").asText());
          }
        });
    assertThat(published).containsExactlyInAnyOrder(rule("a"), rule("b"), rule("d"));
  }

  /**
   * Pulses a fresh probe device until its three newest pulses each opened cases for exactly the
   * expected rules ({@code rule vN}); a rule the job should not apply, or one it misses, keeps the
   * sets apart until the wait runs out.
   */
  private void jobApplies(String phase, Set<String> expected) throws Exception {
    String device = run + "-" + phase;
    MqttClient client = client();
    try {
      await(phase)
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                // Above every level, then below every clear level: each pulse opens a case for
                // every rule the job applies, and clears it again.
                publish(client, device, 99);
                publish(client, device, 0);
                List<Set<String>> pulses = new ArrayList<>(openedByPulse(device).values());
                return pulses.subList(Math.max(0, pulses.size() - 3), pulses.size());
              },
              newest -> newest.size() == 3 && newest.stream().allMatch(expected::equals));
    } finally {
      client.disconnect();
      client.close();
    }
  }

  private void publish(MqttClient client, String device, double value) throws Exception {
    clock = clock.plusSeconds(10);
    Reading reading = new Reading(device, clock, seq++, "AC-200", Map.of(metric, value));
    client.publish(ReadingJson.telemetryTopic(device), ReadingJson.write(reading), 1, false);
  }

  private TreeMap<Instant, Set<String>> openedByPulse(String device) throws Exception {
    TreeMap<Instant, Set<String>> pulses = new TreeMap<>();
    try (Connection db = DriverManager.getConnection(jdbcUrl, JDBC_USER, JDBC_PASSWORD);
        PreparedStatement query =
            db.prepareStatement(
                "SELECT occurred_at, rule_id, rule_version FROM case_events"
                    + " WHERE device_id = ? AND type = 'OPENED'")) {
      query.setString(1, device);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          pulses
              .computeIfAbsent(rows.getTimestamp(1).toInstant(), t -> new TreeSet<>())
              .add(rows.getString(2) + " v" + rows.getInt(3));
        }
      }
    }
    return pulses;
  }

  private void startOutreach() {
    outreach =
        new SpringApplicationBuilder(OutreachApplication.class)
            .run(PipelineRun.serviceArgs(jdbcUrl, schema, linkKey).toArray(String[]::new));
    token = DemoSecurity.apiToken(outreach);
  }

  private void startJob() throws Exception {
    String clientId = run + "-job-" + jobClientIds.size();
    jobClientIds.add(clientId);
    job =
        IngestJob.start(
            IngestConfig.parse(
                new String[] {
                  "--mqtt-url", MQTT_URL,
                  "--mqtt-client-id", clientId,
                  "--mqtt-share-group", clientId,
                  "--parallelism", "2",
                  "--max-out-of-orderness", "1s",
                  "--jdbc-url", jdbcUrl,
                  "--jdbc-user", JDBC_USER,
                  "--jdbc-password", JDBC_PASSWORD,
                },
                Map.of()));
    JobReadiness.awaitConsuming(job, MQTT_URL, Duration.ofSeconds(60));
  }

  private String rule(String name) {
    return run + "-" + name;
  }

  private Map<String, Object> rule(String name, double level) {
    return Map.of(
        "id",
        rule(name),
        "type",
        "threshold",
        "name",
        "probe " + name,
        "severity",
        "warning",
        "metric",
        metric,
        "direction",
        "above",
        "level",
        level,
        "clearLevel",
        10.0,
        "sustainedFor",
        "PT0S");
  }

  private JsonNode get(String path) throws Exception {
    return send("GET", path, null);
  }

  private void put(String method, String path, Object body) throws Exception {
    send(method, path, body);
  }

  private JsonNode send(String method, String path, Object body) throws Exception {
    String base = "http://127.0.0.1:" + outreach.getEnvironment().getProperty("local.server.port");
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isLessThan(300);
    return JSON.readTree(answer.body());
  }

  private static MqttClient client() throws Exception {
    MqttClient client =
        new MqttClient(MQTT_URL, "rules-it-" + UUID.randomUUID(), new MemoryPersistence());
    client.connect();
    return client;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
