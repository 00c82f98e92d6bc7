package dev.forewarn.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
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
 * The rules API on the real PostgreSQL with rules published to the real Mosquitto: every change is
 * a new version, which version is in force is what a subscriber finds retained, a deleted rule's
 * versions stay for its cases, and every refusal names the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class RulesApiIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final String ROOT = RetainedRules.newRoot();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    registry.add("forewarn.mqtt.url", () -> RetainedRules.MQTT_URL);
    registry.add("forewarn.mqtt.rules-topic", () -> ROOT + "/+");
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  TestRestTemplate http;

  private final String ruleId = "hot-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void actAsManager() {
    http = actors.manager();
  }

  @AfterEach
  void clearRetainedRules() throws Exception {
    RetainedRules.clear(ROOT, ruleId, CaseEvents.RULE);
  }

  private ObjectNode rule(double level) {
    ObjectNode rule = json.createObjectNode();
    rule.put("id", ruleId);
    rule.put("type", "threshold");
    rule.put("name", "Compressor overheating");
    rule.put("severity", "warning");
    rule.put("metric", "compressor_temp_c");
    rule.put("direction", "above");
    rule.put("level", level);
    rule.put("clearLevel", level - 5);
    rule.put("sustainedFor", "PT2M");
    return rule;
  }

  @Test
  void theListSaysPublishedRightAfterARuleWasPublished() {
    ResponseEntity<JsonNode> created = send(HttpMethod.POST, "/api/rules", rule(85));

    assertThat(created.getBody().get("published").asBoolean()).isTrue();
    JsonNode listed = listed(ruleId).orElseThrow();
    assertThat(listed.get("published").isBoolean()).as("%s", listed).isTrue();
    assertThat(listed.get("published").asBoolean()).isTrue();
    assertThat(listed.get("publishedAt").asText()).isNotBlank();
    assertThat(listed.get("name").asText()).isEqualTo("Compressor overheating");
    assertThat(
            http.getForObject("/api/rules/" + ruleId, JsonNode.class).get("published").asBoolean())
        .isTrue();
  }

  @Test
  void eachChangeIsANewVersionAndTheVersionInForceIsWhatTheBrokerRetains() throws Exception {
    ResponseEntity<JsonNode> first = send(HttpMethod.POST, "/api/rules", rule(85));
    ResponseEntity<JsonNode> changed = send(HttpMethod.PUT, "/api/rules/" + ruleId, rule(90));
    ResponseEntity<JsonNode> same = send(HttpMethod.PUT, "/api/rules/" + ruleId, rule(90));

    assertThat(first.getStatusCode().value()).isEqualTo(201);
    assertThat(first.getHeaders().getLocation().toString())
        .isEqualTo("/api/rules/" + ruleId + "/versions/1");
    assertThat(changed.getStatusCode().value()).isEqualTo(201);
    assertThat(changed.getBody().get("version").asInt()).isEqualTo(2);
    assertThat(changed.getBody().get("active").asBoolean()).isTrue();
    assertThat(same.getStatusCode().value()).isEqualTo(200);
    assertThat(same.getBody().get("version").asInt()).isEqualTo(2);
    assertThat(versions()).containsExactly(2, 1);
    JsonNode one = http.getForObject("/api/rules/" + ruleId + "/versions/1", JsonNode.class);
    assertThat(one.get("active").asBoolean()).isFalse();
    assertThat(one.get("activeVersion").asInt()).isEqualTo(2);
    assertThat(one.get("document").get("condition").get("level").asDouble()).isEqualTo(85.0);
    assertThat(retainedVersion()).contains(2);

    JsonNode off = send(HttpMethod.POST, "/api/rules/" + ruleId + "/deactivate", null).getBody();
    assertThat(off.get("active").asBoolean()).isFalse();
    assertThat(off.has("activeVersion")).isFalse();
    assertThat(off.get("published").asBoolean()).isTrue();
    assertThat(retainedVersion()).isEmpty();
    assertThat(listed(ruleId).orElseThrow().get("active").asBoolean()).isFalse();

    JsonNode on = send(HttpMethod.POST, "/api/rules/" + ruleId + "/activate", null).getBody();
    assertThat(on.get("active").asBoolean()).isTrue();
    assertThat(on.get("version").asInt()).isEqualTo(2);
    assertThat(retainedVersion()).contains(2);
  }

  @Test
  void aDraftVersionLeavesTheVersionInForceUntilItIsActivated() throws Exception {
    send(HttpMethod.POST, "/api/rules", rule(85));

    ResponseEntity<JsonNode> draft = send(HttpMethod.POST, "/api/rules?activate=false", rule(95));

    assertThat(draft.getStatusCode().value()).isEqualTo(201);
    assertThat(draft.getBody().get("version").asInt()).isEqualTo(2);
    assertThat(draft.getBody().get("active").asBoolean()).isFalse();
    assertThat(draft.getBody().get("activeVersion").asInt()).isEqualTo(1);
    assertThat(retainedVersion()).contains(1);

    send(HttpMethod.POST, "/api/rules/" + ruleId + "/activate", null);

    assertThat(retainedVersion()).contains(2);
  }

  @Test
  void aDeletedRuleLeavesTheListButItsVersionsStayForTheCasesTheyRaised() throws Exception {
    String device = "ac-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode overheat = rule(85).put("id", CaseEvents.RULE);
    send(HttpMethod.POST, "/api/rules", overheat);
    new CaseEvents(jdbc).insert(CaseEvents.opened(device, 1));
    JsonNode theCase = new OutreachClient(http).awaitCase(device, c -> true);
    send(HttpMethod.PUT, "/api/rules/" + CaseEvents.RULE, overheat.put("level", 88.0));

    ResponseEntity<JsonNode> deleted =
        send(HttpMethod.DELETE, "/api/rules/" + CaseEvents.RULE, null);

    assertThat(deleted.getStatusCode().value()).isEqualTo(200);
    assertThat(deleted.getBody().get("deleted").asBoolean()).isTrue();
    assertThat(deleted.getBody().get("active").asBoolean()).isFalse();
    assertThat(listed(CaseEvents.RULE)).isEmpty();
    assertThat(status("/api/rules/" + CaseEvents.RULE)).isEqualTo(404);
    assertThat(RetainedRules.of(ROOT, CaseEvents.RULE)).isEmpty();
    JsonNode caseNow =
        http.getForObject("/api/cases/" + theCase.get("id").asLong(), JsonNode.class);
    assertThat(caseNow.get("ruleVersion").asInt()).isEqualTo(1);
    JsonNode raisedBy =
        http.getForObject("/api/rules/" + CaseEvents.RULE + "/versions/1", JsonNode.class);
    assertThat(raisedBy.get("deleted").asBoolean()).isTrue();
    assertThat(raisedBy.get("document").get("condition").get("level").asDouble()).isEqualTo(85.0);
    assertThat(status("/api/rules/" + CaseEvents.RULE + "/activate", HttpMethod.POST))
        .isEqualTo(404);

    ResponseEntity<JsonNode> again = send(HttpMethod.POST, "/api/rules", overheat);
    assertThat(again.getBody().get("version").asInt()).isEqualTo(3);
    assertThat(again.getBody().get("deleted").asBoolean()).isFalse();
  }

  @Test
  void validateOnlyChecksTheDocumentAndStoresNothing() {
    send(HttpMethod.POST, "/api/rules", rule(85));

    ResponseEntity<JsonNode> valid = send(HttpMethod.POST, "/api/rules/validate", rule(99));
    ResponseEntity<JsonNode> invalid =
        send(HttpMethod.POST, "/api/rules/validate", rule(99).put("direction", "sideways"));

    assertThat(valid.getStatusCode().value()).isEqualTo(200);
    assertThat(valid.getBody().get("valid").asBoolean()).isTrue();
    assertThat(valid.getBody().get("rule").get("version").asInt()).isEqualTo(2);
    assertThat(invalid.getStatusCode().value()).isEqualTo(400);
    assertThat(invalid.getBody().get("field").asText()).endsWith("direction");
    assertThat(versions()).containsExactly(1);
  }

  @Test
  void everyWriteRefusesABadRuleNamingTheFieldAndUnknownRulesAre404() {
    send(HttpMethod.POST, "/api/rules", rule(85));
    ObjectNode bad = rule(85).put("sustainedFor", "two minutes");

    ResponseEntity<JsonNode> badCreate = send(HttpMethod.POST, "/api/rules", bad);
    ResponseEntity<JsonNode> badUpdate = send(HttpMethod.PUT, "/api/rules/" + ruleId, bad);
    ResponseEntity<JsonNode> otherId =
        send(HttpMethod.PUT, "/api/rules/" + ruleId, rule(90).put("id", "another-rule"));
    ResponseEntity<JsonNode> notJson =
        http.exchange(
            "/api/rules/" + ruleId,
            HttpMethod.PUT,
            new HttpEntity<>("{\"id\": ", jsonHeaders()),
            JsonNode.class);

    assertThat(badCreate.getBody().get("field").asText()).isEqualTo("sustainedFor");
    assertThat(badUpdate.getStatusCode().value()).isEqualTo(400);
    assertThat(badUpdate.getBody().get("field").asText()).isEqualTo("sustainedFor");
    assertThat(otherId.getBody().get("field").asText()).isEqualTo("id");
    assertThat(notJson.getBody().get("field").asText()).isEqualTo("$");
    assertThat(versions()).containsExactly(1);
    assertThat(
            send(HttpMethod.PUT, "/api/rules/no-such-rule", rule(85).put("id", "no-such-rule"))
                .getStatusCode()
                .value())
        .isEqualTo(404);
    for (String path : List.of("/api/rules/no-such-rule", "/api/rules/" + ruleId + "/versions/9")) {
      assertThat(status(path)).as(path).isEqualTo(404);
    }
    for (String action : List.of("activate", "deactivate")) {
      assertThat(status("/api/rules/no-such-rule/" + action, HttpMethod.POST)).isEqualTo(404);
    }
    assertThat(status("/api/rules/no-such-rule", HttpMethod.DELETE)).isEqualTo(404);
  }

  private List<Integer> versions() {
    List<Integer> versions = new ArrayList<>();
    http.getForObject("/api/rules/" + ruleId + "/versions", JsonNode.class)
        .forEach(v -> versions.add(v.get("version").asInt()));
    return versions;
  }

  private Optional<Integer> retainedVersion() throws Exception {
    Optional<String> document = RetainedRules.of(ROOT, ruleId);
    return document.map(
        d -> {
          try {
            return json.readTree(d).get("version").asInt();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private Optional<JsonNode> listed(String id) {
    for (JsonNode rule : http.getForObject("/api/rules", JsonNode.class)) {
      if (rule.get("id").asText().equals(id)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  private ResponseEntity<JsonNode> send(HttpMethod method, String path, Object body) {
    return http.exchange(
        path,
        method,
        new HttpEntity<>(body == null ? null : body.toString(), jsonHeaders()),
        JsonNode.class);
  }

  private int status(String path) {
    return status(path, HttpMethod.GET);
  }

  private int status(String path, HttpMethod method) {
    return http.exchange(path, method, null, JsonNode.class).getStatusCode().value();
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }
}
