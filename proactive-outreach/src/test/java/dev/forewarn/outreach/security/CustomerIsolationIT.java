package dev.forewarn.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.outreach.Actors;
import dev.forewarn.outreach.CaseEvents;
import dev.forewarn.outreach.OutreachClient;
import dev.forewarn.outreach.TestSchema;
import dev.forewarn.outreach.notify.app.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two customers, each with a device, a case, an inbox message and preferences of their own. Signed
 * in as one of them, every endpoint a customer can reach, given the other's ids, answers 404 and
 * changes nothing; lists and the live inbox stream show only the caller's own things.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerIsolationIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final Duration WAIT = Duration.ofSeconds(10);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;

  Owner alice;
  Owner bob;
  TestRestTemplate asAlice;

  /** A customer's own ids. */
  record Owner(long id, String device, long caseId, long inboxMessage, String token) {}

  @BeforeAll
  void twoCustomers() {
    OutreachClient api = new OutreachClient(actors.manager());
    alice = owner(api, "Alice", "en");
    bob = owner(api, "Bob", "ko");
    asAlice = actors.bearer(alice.token());
  }

  @Test
  void everyCustomerEndpointGivenAnotherCustomersIdsAnswers404() {
    String bobsCase = "/api/me/cases/" + bob.caseId();
    List<String[]> attempts =
        List.of(
            new String[] {"GET", "/api/me/devices/" + bob.device()},
            new String[] {"GET", bobsCase},
            new String[] {"POST", bobsCase + "/acknowledge"},
            new String[] {"POST", bobsCase + "/book"},
            new String[] {"POST", bobsCase + "/snooze"},
            new String[] {"POST", bobsCase + "/feedback?score=1"},
            new String[] {"POST", "/api/me/inbox/" + bob.inboxMessage() + "/read"});
    SoftAssertions softly = new SoftAssertions();
    for (TestRestTemplate caller : List.of(asAlice, actors.caseLink(alice.caseId()))) {
      for (String[] attempt : attempts) {
        if (caller != asAlice && !attempt[1].startsWith("/api/me/cases")) {
          continue;
        }
        ResponseEntity<String> answer =
            caller.exchange(attempt[1], HttpMethod.valueOf(attempt[0]), null, String.class);
        softly
            .assertThat(answer.getStatusCode().value())
            .as("%s %s", attempt[0], attempt[1])
            .isEqualTo(404);
        softly.assertThat(answer.getBody()).as(attempt[1]).doesNotContain("Bob");
      }
    }
    softly.assertAll();

    JsonNode bobsCaseNow =
        actors.manager().getForObject("/api/cases/" + bob.caseId(), JsonNode.class);
    assertThat(bobsCaseNow.get("acknowledgedAt").isNull()).isTrue();
    assertThat(bobsCaseNow.get("satisfaction").isNull()).isTrue();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM agent_tasks WHERE case_id = ?", Long.class, bob.caseId()))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT read_at IS NULL FROM app_inbox WHERE id = ?",
                Boolean.class,
                bob.inboxMessage()))
        .isTrue();
  }

  @Test
  void theCustomersListsHoldOnlyTheirOwnThings() {
    JsonNode devices = asAlice.getForObject("/api/me/devices", JsonNode.class);
    JsonNode cases = asAlice.getForObject("/api/me/cases", JsonNode.class);
    JsonNode inbox = asAlice.getForObject("/api/me/inbox", JsonNode.class);
    JsonNode me = asAlice.getForObject("/api/me", JsonNode.class);

    assertThat(devices.findValuesAsText("deviceId")).containsExactly(alice.device());
    assertThat(cases.findValuesAsText("id")).containsExactly(String.valueOf(alice.caseId()));
    assertThat(inbox.findValuesAsText("id")).contains(String.valueOf(alice.inboxMessage()));
    assertThat(inbox.findValuesAsText("customerId")).containsOnly(String.valueOf(alice.id()));
    assertThat(me.get("id").asLong()).isEqualTo(alice.id());
    assertThat(devices.toString() + cases + inbox + me).doesNotContain("Bob", bob.device());
  }

  @Test
  void preferencesReadAndChangeOnlyTheCallersOwn() {
    ResponseEntity<JsonNode> changed =
        asAlice.exchange(
            "/api/me/preferences",
            HttpMethod.PUT,
            new HttpEntity<>(Map.of("timeZone", "Europe/Paris")),
            JsonNode.class);

    assertThat(changed.getStatusCode().value()).isEqualTo(200);
    assertThat(changed.getBody().get("locale").asText()).isEqualTo("en");
    assertThat(changed.getBody().get("timeZone").asText()).isEqualTo("Europe/Paris");
    JsonNode bobs =
        actors
            .manager()
            .getForObject("/api/customers/" + bob.id() + "/preferences", JsonNode.class);
    assertThat(bobs.get("locale").asText()).isEqualTo("ko");
    assertThat(bobs.get("timeZone").asText()).isEqualTo("UTC");
  }

  @Test
  void theStaffPathsToAnotherCustomersInboxAndPreferencesAreClosedToCustomers() {
    for (String path :
        List.of(
            "/api/customers/" + bob.id(),
            "/api/customers/" + bob.id() + "/preferences",
            "/api/customers/" + bob.id() + "/inbox",
            "/api/customers/" + bob.id() + "/inbox/stream")) {
      assertThat(asAlice.getForEntity(path, String.class).getStatusCode().value())
          .as(path)
          .isEqualTo(403);
    }
  }

  @Test
  void theLiveInboxStreamCarriesOnlyTheCallersOwnMessages() throws Exception {
    String url = actors.baseUrl() + "/api/me/inbox/stream";
    try (SseClient alicesPage = new SseClient(url, null, alice.token())) {
      assertThat(alicesPage.status()).isEqualTo(200);

      long bobs = queueAppMessage(bob, "for Bob only");
      awaitInInbox(bobs);
      queueAppMessage(alice, "for Alice");

      SseClient.Event first = alicesPage.next(WAIT);
      assertThat(first).isNotNull();
      assertThat(first.data()).contains("for Alice").doesNotContain("for Bob");
      assertThat(alicesPage.next(Duration.ofMillis(500))).isNull();
    }
  }

  private Owner owner(OutreachClient api, String name, String locale) {
    String device = "ac-" + name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
    long id = api.owner(name, null, name.toLowerCase() + "@example.com", device, name + " AC");
    api.post(
        "/api/customers/" + id + "/contact-points",
        Map.of("channel", "app", "address", "inst-" + device, "platform", "android"),
        201);
    api.preferences(id, Map.of("locale", locale));
    new CaseEvents(jdbc).insert(CaseEvents.opened(device));
    long caseId = api.awaitCase(device, c -> true).get("id").asLong();
    long message =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    jdbc.queryForList(
                        "SELECT id FROM app_inbox WHERE customer_id = ?", Long.class, id),
                ids -> !ids.isEmpty())
            .get(0);
    return new Owner(id, device, caseId, message, actors.customerToken(id));
  }

  /** An app message for the customer's case, as intake would queue it. */
  private long queueAppMessage(Owner owner, String text) {
    long id =
        jdbc.queryForObject(
            "INSERT INTO outbox (case_id, step, channel, recipient, subject, body_text,"
                + " idempotency_key) VALUES (?, ?, 'app', ?, 'Forewarn', ?, ?) RETURNING id",
            Long.class,
            owner.caseId(),
            "note-" + UUID.randomUUID(),
            "inst-" + owner.device(),
            text,
            "note-" + UUID.randomUUID());
    jdbc.execute("NOTIFY outbox");
    return id;
  }

  private void awaitInInbox(long outboxId) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.queryForObject(
                    "SELECT count(*) FROM app_inbox WHERE reference = (SELECT idempotency_key"
                        + " FROM outbox WHERE id = ?)",
                    Long.class,
                    outboxId),
            n -> n == 1);
  }
}
