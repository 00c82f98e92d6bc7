package dev.forewarn.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Backtests through the API on three days of history stored in the real InfluxDB: a draft and a
 * saved rule run as resources that are polled to their end, and report the cases the rule would
 * have opened, per device, per week, and the lead before a known failure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacktestsApiIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final InfluxFixture INFLUX = new InfluxFixture();
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  /** The overheating device runs hot for half an hour on day two. */
  static final Instant HOT_FROM = T0.plus(Duration.ofDays(1));

  /** The failing device runs hot from day three on and fails six hours later. */
  static final Instant FAILING_FROM = T0.plus(Duration.ofDays(2));

  static final Instant FAILURE = FAILING_FROM.plus(Duration.ofHours(6));

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    registry.add("forewarn.influx.url", () -> InfluxFixture.URL);
    registry.add("forewarn.influx.database", INFLUX::database);
  }

  @Autowired Actors actors;
  @Autowired ObjectMapper json;
  TestRestTemplate http;

  final String tag = UUID.randomUUID().toString().substring(0, 6);
  final String hot = "ac-hot-" + tag;
  final String healthy = "ac-ok-" + tag;
  final String failing = "ac-fail-" + tag;

  @BeforeAll
  void history() {
    http = actors.manager();
    for (int minute = 0; minute < 3 * 24 * 60; minute++) {
      Instant at = T0.plus(Duration.ofMinutes(minute));
      boolean hotNow = !at.isBefore(HOT_FROM) && at.isBefore(HOT_FROM.plus(Duration.ofMinutes(30)));
      INFLUX.reading(hot, at, minute, Map.of("compressor_temp_c", hotNow ? 90.0 : 70.0));
      INFLUX.reading(healthy, at, minute, Map.of("compressor_temp_c", 70.0));
      INFLUX.reading(
          failing,
          at,
          minute,
          Map.of("compressor_temp_c", at.isBefore(FAILING_FROM) ? 70.0 : 92.0));
    }
    INFLUX.write();
  }

  @AfterAll
  void dropHistory() {
    INFLUX.close();
  }

  private ObjectNode rule() {
    ObjectNode rule = json.createObjectNode();
    rule.put("id", "backtest-" + tag);
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

  private Map<String, Object> request(Object rule) {
    Map<String, Object> request = new HashMap<>();
    request.put("rule", rule);
    request.put("devices", List.of(hot, healthy, failing));
    request.put("from", T0.toString());
    request.put("to", T0.plus(Duration.ofDays(3)).toString());
    request.put("failures", Map.of(failing, FAILURE.toString()));
    return request;
  }

  @Test
  void aDraftRuleRunsAsAResourceAndReportsTheCasesItWouldHaveOpened() {
    ResponseEntity<JsonNode> started =
        http.postForEntity("/api/backtests", request(rule()), JsonNode.class);

    assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(202);
    long id = started.getBody().get("id").asLong();
    assertThat(started.getHeaders().getLocation().toString()).isEqualTo("/api/backtests/" + id);
    assertThat(started.getBody().get("status").asText()).isIn("RUNNING", "DONE");
    assertThat(started.getBody().get("progress").get("stepsTotal").asInt()).isEqualTo(3 * 20);
    JsonNode done = awaitDone(id);

    assertThat(done.get("progress").get("stepsDone").asInt()).isEqualTo(60);
    assertThat(done.get("progress").get("fraction").asDouble()).isEqualTo(1.0);
    JsonNode result = done.get("result");
    assertThat(result.get("readings").asLong()).isEqualTo(3 * 3 * 24 * 60);
    List<String> opened = new ArrayList<>();
    result.get("cases").forEach(c -> opened.add(c.get("deviceId").asText()));
    assertThat(opened).containsExactly(hot, failing);
    JsonNode hotCase = result.get("cases").get(0);
    assertThat(Instant.parse(hotCase.get("openedAt").asText()))
        .isEqualTo(HOT_FROM.plus(Duration.ofMinutes(2)));
    assertThat(Instant.parse(hotCase.get("episodeStart").asText())).isEqualTo(HOT_FROM);
    assertThat(Instant.parse(hotCase.get("clearedAt").asText()))
        .isEqualTo(HOT_FROM.plus(Duration.ofMinutes(30)));
    assertThat(hotCase.get("ruleVersion").asInt()).isEqualTo(1);
    assertThat(hotCase.get("evidence").get("value").asDouble()).isEqualTo(90.0);
    assertThat(hotCase.get("evidence").get("level").asDouble()).isEqualTo(85.0);
    assertThat(result.get("cases").get(1).has("clearedAt")).isFalse();

    Map<String, JsonNode> devices = new HashMap<>();
    result.get("devices").forEach(d -> devices.put(d.get("deviceId").asText(), d));
    assertThat(devices.get(hot).get("casesOpened").asInt()).isEqualTo(1);
    assertThat(devices.get(hot).get("readings").asLong()).isEqualTo(3 * 24 * 60);
    assertThat(devices.get(hot).get("casesPerWeek").get(isoWeek(HOT_FROM)).asInt()).isEqualTo(1);
    assertThat(devices.get(healthy).get("casesOpened").asInt()).isZero();
    assertThat(devices.get(healthy).get("casesPerWeek")).isEmpty();
    JsonNode failed = devices.get(failing);
    assertThat(Instant.parse(failed.get("failure").asText())).isEqualTo(FAILURE);
    assertThat(Instant.parse(failed.get("firstAlert").asText()))
        .isEqualTo(FAILING_FROM.plus(Duration.ofMinutes(2)));
    assertThat(Duration.parse(failed.get("lead").asText()))
        .isEqualTo(Duration.ofHours(6).minusMinutes(2));
    assertThat(failed.get("earlyAlerts").asInt()).isZero();
    assertThat(devices.get(hot).has("lead")).isFalse();
  }

  @Test
  void aSavedRuleIsBacktestedByIdAndVersion() {
    ObjectNode saved = rule().put("id", "saved-" + tag);
    http.postForEntity("/api/rules", saved, JsonNode.class);
    http.put("/api/rules/saved-" + tag, saved.put("level", 95.0));
    Map<String, Object> first = request(null);
    first.remove("rule");
    first.put("ruleId", "saved-" + tag);
    first.put("ruleVersion", 1);
    Map<String, Object> newest = new HashMap<>(first);
    newest.remove("ruleVersion");

    JsonNode v1 = awaitDone(start(first));
    JsonNode v2 = awaitDone(start(newest));

    assertThat(v1.get("rules").get("version").asInt()).isEqualTo(1);
    assertThat(v1.get("result").get("cases")).hasSize(2);
    assertThat(v2.get("rules").get("version").asInt()).isEqualTo(2);
    // Level 95: neither device ever runs that hot.
    assertThat(v2.get("result").get("cases")).isEmpty();
    assertThat(http.getForObject("/api/backtests?limit=5", JsonNode.class).size())
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void aBadRequestIsRefusedNamingTheFieldAndStartsNothing() {
    Map<String, Object> badRule = request(rule().put("sustainedFor", "two minutes"));
    Map<String, Object> both = request(rule());
    both.put("ruleId", "anything");
    Map<String, Object> neither = request(null);
    neither.remove("rule");
    Map<String, Object> unknownRule = request(null);
    unknownRule.remove("rule");
    unknownRule.put("ruleId", "no-such-rule");
    Map<String, Object> noDevices = request(rule());
    noDevices.put("devices", List.of());
    Map<String, Object> backwards = request(rule());
    backwards.put("from", T0.plus(Duration.ofDays(3)).toString());
    Map<String, Object> noStart = request(rule());
    noStart.remove("from");
    Map<String, Object> nobody = request(rule());
    nobody.put("customerId", 987654321);
    Map<String, Object> tagged =
        request(
            rule()
                .set(
                    "scope",
                    json.createObjectNode()
                        .set("tags", json.createObjectNode().put("site", "north"))));

    assertThat(refusal(badRule)).isEqualTo("rule.sustainedFor");
    assertThat(refusal(both)).isEqualTo("rule");
    assertThat(refusal(neither)).isEqualTo("rule");
    assertThat(refusal(unknownRule)).isEqualTo("ruleId");
    assertThat(refusal(noDevices)).isEqualTo("devices");
    assertThat(refusal(backwards)).isEqualTo("to");
    assertThat(refusal(noStart)).isEqualTo("from");
    assertThat(refusal(nobody)).isEqualTo("customerId");
    assertThat(refusal(tagged)).isEqualTo("rule.scope.tags");
    assertThat(
            http.getForEntity("/api/backtests/987654321", JsonNode.class).getStatusCode().value())
        .isEqualTo(404);
  }

  private long start(Map<String, Object> request) {
    ResponseEntity<JsonNode> started =
        http.postForEntity("/api/backtests", request, JsonNode.class);
    assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(202);
    return started.getBody().get("id").asLong();
  }

  private String refusal(Map<String, Object> request) {
    ResponseEntity<JsonNode> answer = http.postForEntity("/api/backtests", request, JsonNode.class);
    assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(400);
    return answer.getBody().get("field").asText();
  }

  private JsonNode awaitDone(long id) {
    JsonNode done =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> http.getForObject("/api/backtests/" + id, JsonNode.class),
                b -> !b.get("status").asText().equals("RUNNING"));
    assertThat(done.get("status").asText()).as("%s", done).isEqualTo("DONE");
    return done;
  }

  private static String isoWeek(Instant at) {
    var utc = at.atZone(ZoneOffset.UTC);
    return String.format(
        "%d-W%02d", utc.get(IsoFields.WEEK_BASED_YEAR), utc.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
