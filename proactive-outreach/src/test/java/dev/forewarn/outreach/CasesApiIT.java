package dev.forewarn.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.rules.document.Severity;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operator views of the API on the real PostgreSQL: cases filtered, paged and sorted, a case's
 * timeline, the delivery log per channel and outcome, and dead letters filtered by reason and
 * device; every bad parameter is refused by name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasesApiIT {

  static final TestSchema SCHEMA = new TestSchema();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;
  TestRestTemplate http;
  OutreachClient api;

  final String tag = UUID.randomUUID().toString().substring(0, 6);
  final String warm = "ac-warm-" + tag;
  final String hot = "ac-hot-" + tag;
  final String fixed = "ac-fixed-" + tag;
  final String other = "ac-other-" + tag;
  long owner;
  long neighbour;

  @BeforeAll
  void cases() {
    http = actors.manager();
    api = new OutreachClient(http);
    owner = api.owner("Seo-yeon", "+821055510001", null, warm, "Hall AC");
    api.device(hot, owner, "Study AC");
    api.device(fixed, owner, "Kitchen AC");
    neighbour = api.owner("Joon", "+821055510002", null, other, "Attic AC");
    CaseEvents events = new CaseEvents(jdbc);
    // One at a time, each told before the next opens, so that none is grouped into another.
    opened(events, warm, 1, Severity.WARNING);
    opened(events, hot, 2, Severity.CRITICAL);
    opened(events, fixed, 1, Severity.INFO);
    opened(events, other, 1, Severity.WARNING);
    events.insert(CaseEvents.cleared(fixed));
    api.awaitCase(fixed, c -> c.get("status").asText().equals("CLEARED"));
  }

  private void opened(CaseEvents events, String device, int version, Severity severity) {
    events.insert(CaseEvents.opened(device, version, severity));
    api.awaitCase(device, c -> OutreachClient.sent(c, "sms", "opened"));
  }

  @Test
  void casesAreFilteredByStateSeverityRuleDeviceCustomerAndTime() {
    assertThat(devices("/api/cases?customerId=" + owner))
        .containsExactlyInAnyOrder(warm, hot, fixed);
    assertThat(devices("/api/cases?customerId=" + owner + "&status=OPEN"))
        .containsExactlyInAnyOrder(warm, hot);
    assertThat(devices("/api/cases?customerId=" + owner + "&status=cleared"))
        .containsExactly(fixed);
    assertThat(devices("/api/cases?customerId=" + owner + "&severity=CRITICAL"))
        .containsExactly(hot);
    assertThat(devices("/api/cases?deviceId=" + other)).containsExactly(other);
    assertThat(devices("/api/cases?customerId=" + owner + "&ruleId=" + CaseEvents.RULE)).hasSize(3);
    assertThat(devices("/api/cases?customerId=" + owner + "&ruleId=another-rule")).isEmpty();
    String opened = CaseEvents.T0_PLUS_2M.toString();
    assertThat(devices("/api/cases?customerId=" + owner + "&from=" + opened)).hasSize(3);
    assertThat(devices("/api/cases?customerId=" + owner + "&to=" + opened)).isEmpty();
  }

  @Test
  void casesArePagedAndSorted() {
    String base = "/api/cases?customerId=" + owner + "&size=2";

    ResponseEntity<JsonNode> first =
        http.getForEntity(base + "&sort=severity,desc", JsonNode.class);
    ResponseEntity<JsonNode> second =
        http.getForEntity(base + "&sort=severity,desc&page=1", JsonNode.class);

    assertThat(first.getHeaders().getFirst("X-Total-Count")).isEqualTo("3");
    assertThat(first.getHeaders().getFirst("Link")).contains("page=1").contains("rel=\"next\"");
    assertThat(ids(first.getBody())).containsExactly(hot, warm);
    assertThat(ids(second.getBody())).containsExactly(fixed);
    assertThat(second.getHeaders().getFirst("Link"))
        .contains("rel=\"prev\"")
        .doesNotContain("next");
    assertThat(ids(http.getForObject(base + "&sort=deviceId,asc", JsonNode.class)))
        .containsExactly(fixed, hot);
    assertThat(http.getForObject("/api/cases?limit=1", JsonNode.class)).hasSize(1);

    assertThat(refusal("/api/cases?status=LOST")).isEqualTo("status");
    assertThat(refusal("/api/cases?severity=URGENT")).isEqualTo("severity");
    assertThat(refusal("/api/cases?sort=colour")).isEqualTo("sort");
    assertThat(refusal("/api/cases?sort=id,sideways")).isEqualTo("sort");
    assertThat(refusal("/api/cases?size=0")).isEqualTo("size");
    assertThat(refusal("/api/cases?page=-1")).isEqualTo("page");
    assertThat(refusal("/api/cases?limit=0")).isEqualTo("limit");
    assertThat(refusal("/api/cases?customerId=abc")).isEqualTo("customerId");
    assertThat(refusal("/api/cases?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z"))
        .isEqualTo("to");
  }

  @Test
  void timelineEntriesWithoutAMessageCarryNoOutboxId() {
    long caseId = api.casesOf(warm).get(0).get("id").asLong();

    JsonNode timeline = api.get("/api/cases/" + caseId + "/timeline");

    JsonNode opened = entry(timeline, "OPENED");
    assertThat(opened.has("outboxId")).as("%s", opened).isFalse();
    JsonNode sent = entry(timeline, "MESSAGE_SENT");
    assertThat(sent.get("outboxId").asLong()).isPositive();
    assertThat(
            http.getForEntity("/api/cases/987654321/timeline", JsonNode.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }

  @Test
  void theDeliveryLogShowsEachMessageWithItsOutcomePerChannel() {
    long caseId = api.casesOf(hot).get(0).get("id").asLong();

    ResponseEntity<JsonNode> ofCase =
        http.getForEntity("/api/deliveries?caseId=" + caseId, JsonNode.class);
    JsonNode ofOwner = api.get("/api/deliveries?customerId=" + owner + "&channel=sms&sort=id,asc");
    JsonNode summary = api.get("/api/deliveries/summary?channel=sms");

    assertThat(ofCase.getHeaders().getFirst("X-Total-Count")).isEqualTo("1");
    JsonNode message = ofCase.getBody().get(0);
    assertThat(message.get("channel").asText()).isEqualTo("sms");
    assertThat(message.get("outcome").asText()).isEqualTo("sent");
    assertThat(message.get("status").asText()).isEqualTo("SENT");
    assertThat(message.get("provider").asText()).isEqualTo("sandbox");
    assertThat(message.get("recipient").asText()).isEqualTo("+821055510001");
    assertThat(message.get("customerId").asLong()).isEqualTo(owner);
    assertThat(ofOwner.size()).isGreaterThanOrEqualTo(3);
    assertThat(ofOwner).allSatisfy(d -> assertThat(d.get("customerId").asLong()).isEqualTo(owner));
    assertThat(summary.get("sms").get("sent").asLong()).isGreaterThanOrEqualTo(4);
    assertThat(summary.has("email")).isFalse();
    assertThat(api.get("/api/deliveries?outcome=failed&customerId=" + owner)).isEmpty();

    assertThat(refusal("/api/deliveries?channel=fax")).isEqualTo("channel");
    assertThat(refusal("/api/deliveries?outcome=lost")).isEqualTo("outcome");
    assertThat(refusal("/api/deliveries?sort=recipient")).isEqualTo("sort");
  }

  @Test
  void deadLettersAreFilteredByReasonKindAndDeviceWithTheirRawPayload() {
    String device = "ac-dl-" + tag;
    OffsetDateTime t0 = OffsetDateTime.parse("2026-11-22T10:00:00Z");
    deadLetter(
        t0, "devices/" + device + "/telemetry", "ts: not an ISO-8601 instant string", "{\"ts\":1}");
    deadLetter(
        t0.plusSeconds(1),
        "devices/" + device + "/telemetry",
        "metrics.temp_" + tag + ": not a finite number",
        "{\"metrics\":{}}");
    deadLetter(
        t0.plusSeconds(2),
        "devices/" + device + "/telemetry",
        "late: seq 3 at 10:00 arrived after seq 4",
        "{}");
    deadLetter(
        t0.plusSeconds(3),
        "devices/elsewhere-" + tag + "/telemetry",
        "ts: not an ISO-8601 instant string",
        "x");

    JsonNode ofDevice = api.get("/api/dead-letters?deviceId=" + device);
    JsonNode byText = api.get("/api/dead-letters?reason=TEMP_" + tag);
    JsonNode byKind = api.get("/api/dead-letters?kind=ts&deviceId=" + device);
    JsonNode paged = api.get("/api/dead-letters?deviceId=" + device + "&size=2&page=1");
    JsonNode kinds = api.get("/api/dead-letters/kinds");

    assertThat(ofDevice.get("total").asLong()).isEqualTo(3);
    assertThat(ofDevice.get("items").get(0).get("kind").asText()).isEqualTo("late");
    assertThat(byText.get("total").asLong()).isEqualTo(1);
    assertThat(byText.get("items").get(0).get("payload").asText()).isEqualTo("{\"metrics\":{}}");
    assertThat(byText.get("items").get(0).get("kind").asText()).isEqualTo("metrics");
    assertThat(byKind.get("total").asLong()).isEqualTo(1);
    assertThat(byKind.get("items").get(0).get("payload").asText()).isEqualTo("{\"ts\":1}");
    assertThat(paged.get("items")).hasSize(1);
    assertThat(paged.get("page").asInt()).isEqualTo(1);
    assertThat(kinds.get("ts").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(kinds.get("late").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(api.get("/api/dead-letters?reason=%25&deviceId=" + device).get("total").asLong())
        .isZero();
    assertThat(refusal("/api/dead-letters?sort=payload")).isEqualTo("sort");
    assertThat(refusal("/api/dead-letters?limit=0")).isEqualTo("limit");
  }

  private void deadLetter(OffsetDateTime at, String topic, String reason, String payload) {
    jdbc.update(
        "INSERT INTO dead_letters (received_at, topic, reason, payload) VALUES (?, ?, ?, ?)",
        at,
        topic,
        reason,
        payload);
  }

  private static JsonNode entry(JsonNode timeline, String kind) {
    for (JsonNode entry : timeline) {
      if (entry.get("kind").asText().equals(kind)) {
        return entry;
      }
    }
    throw new AssertionError("no " + kind + " in " + timeline);
  }

  private String refusal(String path) {
    ResponseEntity<JsonNode> answer = http.getForEntity(path, JsonNode.class);
    assertThat(answer.getStatusCode().value()).as("%s: %s", path, answer.getBody()).isEqualTo(400);
    return answer.getBody().get("field").asText();
  }

  private List<String> devices(String path) {
    return ids(api.get(path));
  }

  private static List<String> ids(JsonNode cases) {
    List<String> ids = new ArrayList<>();
    cases.forEach(c -> ids.add(c.get("deviceId").asText()));
    return ids;
  }
}
