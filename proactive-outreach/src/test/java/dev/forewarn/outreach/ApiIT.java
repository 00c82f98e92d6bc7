package dev.forewarn.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The REST API on the real PostgreSQL, with rules published to the real Mosquitto: refused input
 * names the field and stores nothing, good input is stored and versioned.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class ApiIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final String MQTT_URL = TestSchema.env("FOREWARN_TEST_MQTT_URL", "tcp://127.0.0.1:11883");
  // This test's own topic root, as a demo or benchmark run has: no other run reads its rules.
  static final String RULES_ROOT = "forewarn/api-it-" + UUID.randomUUID() + "/rules/";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    registry.add("forewarn.mqtt.url", () -> MQTT_URL);
    registry.add("forewarn.mqtt.rules-topic", () -> RULES_ROOT + "+");
  }

  @Autowired Actors actors;
  TestRestTemplate http;

  @BeforeEach
  void actAsManager() {
    http = actors.manager();
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired DataSource dataSource;

  private final String ruleId = "overheat-" + UUID.randomUUID().toString().substring(0, 8);

  private ObjectNode overheatRule() {
    ObjectNode rule = json.createObjectNode();
    rule.put("id", ruleId);
    rule.put("type", "threshold");
    rule.put("name", "Compressor overheating");
    rule.put("severity", "warning");
    rule.put("metric", "compressor_temp_c");
    rule.put("direction", "above");
    rule.put("level", 85.0);
    rule.put("clearLevel", 80.0);
    rule.put("sustainedFor", "PT2M");
    return rule;
  }

  @Test
  void invalidRuleIsRefusedNamingTheFieldAndNothingIsStored() {
    ObjectNode rule = overheatRule();
    rule.put("sustainedFor", "two minutes");

    ResponseEntity<JsonNode> refused = postJson("/api/rules", rule.toString());

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody().get("field").asText()).isEqualTo("sustainedFor");
    assertThat(refused.getBody().get("error").asText()).isNotBlank();
    assertThat(rulesStored(ruleId)).isZero();

    ResponseEntity<JsonNode> notJson = postJson("/api/rules", "{\"id\": ");
    assertThat(notJson.getStatusCode().value()).isEqualTo(400);
    assertThat(notJson.getBody().get("field").asText()).isEqualTo("$");
  }

  @Test
  void validRuleIsStoredAsVersionOneThenTwoOnChangeAndPublishedRetained() throws Exception {
    ResponseEntity<JsonNode> first = postJson("/api/rules", overheatRule().toString());
    ResponseEntity<JsonNode> again = postJson("/api/rules", overheatRule().toString());
    ResponseEntity<JsonNode> changed =
        postJson("/api/rules", overheatRule().put("level", 90.0).toString());

    assertThat(first.getStatusCode().value()).isEqualTo(201);
    assertThat(first.getBody().get("version").asInt()).isEqualTo(1);
    assertThat(again.getStatusCode().value()).isEqualTo(200);
    assertThat(again.getBody().get("version").asInt()).isEqualTo(1);
    assertThat(changed.getStatusCode().value()).isEqualTo(201);
    assertThat(changed.getBody().get("version").asInt()).isEqualTo(2);
    assertThat(changed.getBody().get("published").asBoolean()).isTrue();
    assertThat(changed.getBody().get("document").get("condition").get("level").asDouble())
        .isEqualTo(90.0);
    JsonNode listed = ruleInList(ruleId);
    assertThat(listed.get("version").asInt()).isEqualTo(2);
    assertThat(listed.get("active").asBoolean()).isTrue();
    assertThat(rulesStored(ruleId)).isEqualTo(2);

    try (Subscriber subscriber = new Subscriber(RULES_ROOT + ruleId)) {
      JsonNode retained = json.readTree(subscriber.next());
      assertThat(retained.get("version").asInt()).isEqualTo(2);
      assertThat(retained.get("condition").get("level").asDouble()).isEqualTo(90.0);

      ResponseEntity<JsonNode> deleted =
          http.exchange("/api/rules/" + ruleId, HttpMethod.DELETE, null, JsonNode.class);

      assertThat(deleted.getStatusCode().value()).isEqualTo(200);
      assertThat(subscriber.next()).isEmpty();
    }
    assertThat(ruleInList(ruleId).get("active").asBoolean()).isFalse();
    ResponseEntity<JsonNode> unknown =
        http.exchange("/api/rules/no-such-rule", HttpMethod.DELETE, null, JsonNode.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void customerWithAnInvalidPhoneNumberIsRefusedNamingPhone() {
    long before = count("customers");

    ResponseEntity<JsonNode> badPhone = postCustomer("Jane", "010-1234-5678", "jane@example.com");
    ResponseEntity<JsonNode> badEmail = postCustomer("Jane", "+821012345678", "jane@");
    ResponseEntity<JsonNode> noName = postCustomer(" ", "+821012345678", null);

    assertThat(badPhone.getStatusCode().value()).isEqualTo(400);
    assertThat(badPhone.getBody().get("field").asText()).isEqualTo("phone");
    assertThat(badPhone.getBody().get("error").asText()).contains("E.164");
    assertThat(badEmail.getBody().get("field").asText()).isEqualTo("email");
    assertThat(noName.getBody().get("field").asText()).isEqualTo("name");
    assertThat(count("customers")).isEqualTo(before);
  }

  @Test
  void deviceOwnershipNeedsAnExistingCustomerAndCanMoveToAnother() {
    String device = "ac-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> orphan = Map.of("deviceId", device, "customerId", 987654321);

    ResponseEntity<JsonNode> refused = http.postForEntity("/api/devices", orphan, JsonNode.class);

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody().get("field").asText()).isEqualTo("customerId");
    long jane = postCustomer("Jane", "+821012345678", null).getBody().get("id").asLong();
    long joe = postCustomer("Joe", null, "joe@example.com").getBody().get("id").asLong();
    ResponseEntity<JsonNode> registered =
        http.postForEntity(
            "/api/devices", Map.of("deviceId", device, "customerId", jane), JsonNode.class);
    ResponseEntity<JsonNode> moved =
        http.postForEntity(
            "/api/devices", Map.of("deviceId", device, "customerId", joe), JsonNode.class);
    assertThat(registered.getStatusCode().value()).isEqualTo(201);
    assertThat(moved.getStatusCode().value()).isEqualTo(200);
    assertThat(
            http.getForObject("/api/devices/" + device, JsonNode.class).get("customerId").asLong())
        .isEqualTo(joe);
    assertThat(http.getForObject("/api/customers/" + joe, JsonNode.class).get("devices"))
        .hasSize(1);
  }

  @Test
  void unknownCasesAndBadParametersGetClearErrors() {
    ResponseEntity<JsonNode> missing = http.getForEntity("/api/cases/987654321", JsonNode.class);
    ResponseEntity<JsonNode> badLimit = http.getForEntity("/api/cases?limit=0", JsonNode.class);
    ResponseEntity<JsonNode> notANumber = http.getForEntity("/api/cases/abc", JsonNode.class);

    assertThat(missing.getStatusCode().value()).isEqualTo(404);
    assertThat(missing.getBody().get("error").asText()).contains("987654321");
    assertThat(badLimit.getStatusCode().value()).isEqualTo(400);
    assertThat(badLimit.getBody().get("field").asText()).isEqualTo("limit");
    assertThat(notANumber.getStatusCode().value()).isEqualTo(400);
    assertThat(notANumber.getBody().get("field").asText()).isEqualTo("id");
    HttpHeaders text = new HttpHeaders();
    text.setContentType(MediaType.TEXT_PLAIN);
    ResponseEntity<JsonNode> notJson =
        http.postForEntity("/api/rules", new HttpEntity<>("level 85", text), JsonNode.class);
    assertThat(notJson.getStatusCode().value()).isEqualTo(415);
    assertThat(notJson.getBody().get("error").asText()).isNotBlank();
  }

  @Test
  void deadLettersShowTheTotalAndTheNewestRows() {
    OffsetDateTime t0 = OffsetDateTime.parse("2026-11-22T10:00:00Z");
    for (int i = 0; i < 3; i++) {
      jdbc.update(
          "INSERT INTO dead_letters (received_at, topic, reason, payload) VALUES (?, ?, ?, ?)",
          t0.plusSeconds(i),
          "devices/ac-1/telemetry",
          "seq: required (" + i + ")",
          "{}");
    }

    JsonNode page = http.getForObject("/api/dead-letters?limit=2", JsonNode.class);
    JsonNode stats = http.getForObject("/api/stats", JsonNode.class);

    assertThat(page.get("total").asLong()).isEqualTo(3);
    assertThat(page.get("items")).hasSize(2);
    assertThat(page.get("items").get(0).get("reason").asText()).isEqualTo("seq: required (2)");
    assertThat(stats.get("dead_letters").asLong()).isEqualTo(3);
    assertThat(stats.has("cases_opened")).isTrue();
    assertThat(stats.has("notifications_sent")).isTrue();
  }

  @Test
  void withoutCredentialsMessagesGoToTheSandboxAndShowInTheApi() {
    String device = "ac-sandbox-" + UUID.randomUUID().toString().substring(0, 8);
    long owner =
        postCustomer("Lee", "+821055501234", "lee@example.com").getBody().get("id").asLong();
    http.postForEntity(
        "/api/devices", Map.of("deviceId", device, "customerId", owner), JsonNode.class);

    new CaseEvents(jdbc).insert(CaseEvents.opened(device));

    JsonNode theCase =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> caseOf(device), c -> c != null && allSent(c.get("notifications"), 1));
    JsonNode notification = theCase.get("notifications").get(0);
    assertThat(notification.get("provider").asText()).isEqualTo("sandbox");
    assertThat(notification.get("providerId").asText()).startsWith("sandbox-");
    assertThat(notification.get("text").asText()).contains("needs attention");
    assertThat(notification.get("recipient").asText()).isEqualTo("+821055501234");
  }

  @Test
  void appInstallationFirstInTheChannelOrderRoutesTheCaseToTheAppChannel() {
    String device = "ac-app-" + UUID.randomUUID().toString().substring(0, 8);
    long owner = postCustomer("Jiwoo", "+821055502468", null).getBody().get("id").asLong();
    http.postForEntity(
        "/api/customers/" + owner + "/contact-points",
        Map.of("channel", "app", "address", "inst-" + device, "platform", "ios"),
        JsonNode.class);
    exchange(
        "/api/customers/" + owner + "/preferences",
        Map.of("channelOrder", Map.of("WARNING", List.of("app", "sms"))));
    http.postForEntity(
        "/api/devices",
        Map.of("deviceId", device, "customerId", owner, "nickname", "Study AC"),
        JsonNode.class);

    new CaseEvents(jdbc).insert(CaseEvents.opened(device));

    JsonNode theCase =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> caseOf(device), c -> c != null && allSent(c.get("notifications"), 1));
    JsonNode app = theCase.get("notifications").get(0);
    assertThat(app.get("channel").asText()).isEqualTo("app");
    assertThat(app.get("recipient").asText()).isEqualTo("inst-" + device);
    assertThat(app.get("subject").asText())
        .isEqualTo("Study AC needs attention (case #" + theCase.get("id").asLong() + ")");
    assertThat(app.get("routePosition").asInt()).isZero();
  }

  @Test
  void contactPointsAreCheckedPerChannelAndAppInstallationsNeedAPlatform() {
    long id = postCustomer("Ha-eun", "+821055505678", null).getBody().get("id").asLong();
    String points = "/api/customers/" + id + "/contact-points";

    ResponseEntity<JsonNode> badSms =
        http.postForEntity(
            points, Map.of("channel", "sms", "address", "01055505678"), JsonNode.class);
    ResponseEntity<JsonNode> appWithoutPlatform =
        http.postForEntity(points, Map.of("channel", "app", "address", "inst-1"), JsonNode.class);
    ResponseEntity<JsonNode> tokenOnEmail =
        http.postForEntity(
            points,
            Map.of("channel", "email", "address", "h@example.com", "fcmToken", "t"),
            JsonNode.class);
    ResponseEntity<JsonNode> fax =
        http.postForEntity(points, Map.of("channel", "fax", "address", "1"), JsonNode.class);
    ResponseEntity<JsonNode> app =
        http.postForEntity(
            points,
            Map.of("channel", "app", "address", "inst-1", "platform", "android", "fcmToken", "tok"),
            JsonNode.class);

    assertThat(badSms.getStatusCode().value()).isEqualTo(400);
    assertThat(badSms.getBody().get("field").asText()).isEqualTo("address");
    assertThat(appWithoutPlatform.getBody().get("field").asText()).isEqualTo("platform");
    assertThat(tokenOnEmail.getBody().get("field").asText()).isEqualTo("fcmToken");
    assertThat(fax.getBody().get("field").asText()).isEqualTo("channel");
    assertThat(app.getStatusCode().value()).isEqualTo(201);
    assertThat(app.getBody().get("platform").asText()).isEqualTo("android");
    JsonNode customer = http.getForObject("/api/customers/" + id, JsonNode.class);
    assertThat(customer.get("contactPoints"))
        .extracting(p -> p.get("channel").asText())
        .containsExactly("sms", "app");
    assertThat(customer.get("customer").get("phone").asText()).isEqualTo("+821055505678");
  }

  @Test
  void preferencesAreValidatedNamingTheFieldAndStoredWhenValid() {
    long id = postCustomer("Seo-yeon", "+821055509999", null).getBody().get("id").asLong();
    String path = "/api/customers/" + id + "/preferences";

    ResponseEntity<JsonNode> badSeverity =
        exchange(path, Map.of("channelOrder", Map.of("URGENT", List.of("sms"))));
    ResponseEntity<JsonNode> badChannel =
        exchange(path, Map.of("channelOrder", Map.of("CRITICAL", List.of("pager"))));
    ResponseEntity<JsonNode> badZone = exchange(path, Map.of("timeZone", "Mars/Olympus"));
    ResponseEntity<JsonNode> good =
        exchange(
            path,
            Map.of(
                "locale", "ko-KR",
                "timeZone", "Asia/Seoul",
                "quietHours", Map.of("start", "22:00", "end", "07:00", "criticalOverrides", true),
                "channelOrder", Map.of("CRITICAL", List.of("sms", "app", "email")),
                "optedOut", List.of("email")));

    assertThat(badSeverity.getStatusCode().value()).isEqualTo(400);
    assertThat(badSeverity.getBody().get("field").asText()).isEqualTo("channelOrder.URGENT");
    assertThat(badChannel.getBody().get("field").asText()).isEqualTo("channelOrder.CRITICAL");
    assertThat(badZone.getBody().get("field").asText()).isEqualTo("timeZone");
    assertThat(good.getStatusCode().value()).isEqualTo(200);
    JsonNode stored = http.getForObject(path, JsonNode.class);
    assertThat(stored.get("locale").asText()).isEqualTo("ko-KR");
    assertThat(stored.get("quietHours").get("start").asText()).isEqualTo("22:00");
    assertThat(stored.get("channelOrder").get("CRITICAL")).hasSize(3);
    assertThat(stored.get("optedOut").get(0).asText()).isEqualTo("email");
  }

  private ResponseEntity<JsonNode> exchange(String path, Object body) {
    return http.exchange(path, HttpMethod.PUT, new HttpEntity<>(body), JsonNode.class);
  }

  // --- helpers -------------------------------------------------------------------------------

  @Test
  void concurrentRuleChangesLeaveTheCurrentStateOnTheBroker() throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 12; round++) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          double level = 86 + round * 4 + w;
          boolean delete = w == (round % 4);
          done.add(
              writers.submit(
                  () -> {
                    go.await();
                    if (delete) {
                      http.exchange(
                          "/api/rules/" + ruleId, HttpMethod.DELETE, null, JsonNode.class);
                    } else {
                      postJson("/api/rules", overheatRule().put("level", level).toString());
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
        JsonNode current = ruleInList(ruleId);
        try (Subscriber subscriber = new Subscriber(RULES_ROOT + ruleId)) {
          // An empty retained payload removes the retained message: nothing arrives.
          String retained = subscriber.poll(Duration.ofSeconds(2));
          if (current.get("active").asBoolean()) {
            assertThat(retained).as("round %d: the active version is retained", round).isNotNull();
            assertThat(json.readTree(retained).get("version").asInt())
                .as("round %d", round)
                .isEqualTo(current.get("version").asInt());
          } else {
            assertThat(retained == null || retained.isEmpty())
                .as("round %d: the rule is inactive, the broker has %s", round, retained)
                .isTrue();
          }
        }
      }
    } finally {
      writers.shutdownNow();
    }
  }

  @Test
  void listeningLoopsHoldNoPooledConnection() {
    HikariPoolMXBean pool = ((HikariDataSource) dataSource).getHikariPoolMXBean();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(pool.getActiveConnections()).isZero());
  }

  private ResponseEntity<JsonNode> postJson(String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private ResponseEntity<JsonNode> postCustomer(String name, String phone, String email) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("phone", phone);
    body.put("email", email);
    return http.postForEntity("/api/customers", body, JsonNode.class);
  }

  private JsonNode ruleInList(String id) {
    for (JsonNode rule : http.getForObject("/api/rules", JsonNode.class)) {
      if (rule.get("id").asText().equals(id)) {
        return rule;
      }
    }
    throw new AssertionError("rule " + id + " not listed");
  }

  private JsonNode caseOf(String device) {
    for (JsonNode c : http.getForObject("/api/cases", JsonNode.class)) {
      if (c.get("deviceId").asText().equals(device)) {
        return c;
      }
    }
    return null;
  }

  private static boolean allSent(JsonNode notifications, int expected) {
    int sent = 0;
    for (JsonNode n : notifications) {
      sent += n.get("status").asText().equals("SENT") ? 1 : 0;
    }
    return sent == expected && notifications.size() == expected;
  }

  private long rulesStored(String id) {
    return jdbc.queryForObject("SELECT count(*) FROM rules WHERE id = ?", Long.class, id);
  }

  private long count(String table) {
    return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
  }

  /** A plain Paho subscriber, as the telemetry job would subscribe to rules. */
  private static final class Subscriber implements AutoCloseable {

    private final MqttClient client;
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

    Subscriber(String topic) throws Exception {
      client = new MqttClient(MQTT_URL, "api-it-" + UUID.randomUUID(), new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      client.connect(options);
      client.subscribe(
          topic,
          1,
          (t, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
    }

    /** The next message, or null when none arrives in time. */
    String poll(Duration timeout) throws InterruptedException {
      return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String next() throws InterruptedException {
      String message = received.poll(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
      assertThat(message).as("an MQTT message within 10 s").isNotNull();
      return message;
    }

    @Override
    public void close() throws Exception {
      client.disconnect();
      client.close();
    }
  }
}
