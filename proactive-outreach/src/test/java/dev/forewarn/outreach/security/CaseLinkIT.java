package dev.forewarn.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.outreach.Actors;
import dev.forewarn.outreach.Browser;
import dev.forewarn.outreach.CaseEvents;
import dev.forewarn.outreach.OutreachClient;
import dev.forewarn.outreach.TestSchema;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The link in a customer message, taken from the message text itself: it opens its one case without
 * a password, its forms need their CSRF token, and a link that was changed, has expired or was
 * withdrawn is refused by the page (in plain words) and by the API (401).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class CaseLinkIT {

  static final TestSchema SCHEMA = new TestSchema();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    registry.add("forewarn.outreach.public-url", () -> "https://care.forewarn.test");
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;
  OutreachClient api;

  @BeforeEach
  void asManager() {
    api = new OutreachClient(actors.manager());
  }

  @Test
  void theLinkInTheMessageOpensItsCaseAndItsFormsActOnIt() {
    Opened opened = openCase("Garage <AC>");
    Browser phone = new Browser(actors.baseUrl());

    HttpResponse<String> page = phone.get(opened.path());
    HttpResponse<String> acknowledged = phone.submit(opened.path() + "/acknowledge", Map.of());
    HttpResponse<String> booked = phone.submit(opened.path() + "/book", Map.of());
    HttpResponse<String> snoozed = phone.submit(opened.path() + "/snooze", Map.of());
    HttpResponse<String> after = phone.get(opened.path());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Garage &lt;AC&gt;", "Book a technician visit", "_csrf");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
    assertThat(acknowledged.statusCode()).isEqualTo(303);
    assertThat(booked.statusCode()).isEqualTo(303);
    assertThat(snoozed.statusCode()).isEqualTo(303);
    assertThat(after.body()).contains("You have seen this", "An agent will contact you");
    assertThat(api.timelineKinds(opened.caseId())).contains("ACKNOWLEDGED", "BOOKED", "SNOOZED");
    assertThat(api.timelineText(opened.caseId())).contains("on the self-service page");
  }

  @Test
  void aFormPostWithoutItsCsrfTokenIs403AndChangesNothing() {
    Opened opened = openCase("Loft AC");
    Browser phone = new Browser(actors.baseUrl());
    phone.get(opened.path());

    HttpResponse<String> forged = phone.postForm(opened.path() + "/acknowledge", Map.of());

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(api.theCase(opened.caseId()).get("acknowledgedAt").isNull()).isTrue();
  }

  @Test
  void aChangedLinkIsNotValidOnThePageAndForTheApi() {
    Opened opened = openCase("Den AC");
    String[] parts = opened.token().split("\\.");
    String otherCase = (opened.caseId() + 1) + "." + parts[1] + "." + parts[2] + "." + parts[3];

    HttpResponse<String> page = new Browser(actors.baseUrl()).get("/c/" + otherCase);
    ResponseEntity<JsonNode> asBearer =
        actors.bearer(otherCase).getForEntity("/api/me/cases/" + opened.caseId(), JsonNode.class);

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("This link is not valid.");
    assertThat(asBearer.getStatusCode().value()).isEqualTo(401);
    assertThat(asBearer.getBody().get("error").asText()).contains("not a valid");
    assertThat(new Browser(actors.baseUrl()).get("/c/" + UUID.randomUUID()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void anExpiredLinkIsRefusedSayingItExpired() {
    Opened opened = openCase("Attic AC");
    String expired = actors.linkToken(opened.caseId(), Instant.now().minusSeconds(1));

    HttpResponse<String> page = new Browser(actors.baseUrl()).get("/c/" + expired);
    HttpResponse<String> action =
        new Browser(actors.baseUrl()).postForm("/c/" + expired + "/acknowledge", Map.of());
    ResponseEntity<JsonNode> asBearer =
        actors.bearer(expired).getForEntity("/api/me/cases/" + opened.caseId(), JsonNode.class);

    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.body()).contains("This link has expired.");
    assertThat(action.statusCode()).isEqualTo(403);
    assertThat(asBearer.getStatusCode().value()).isEqualTo(401);
    assertThat(asBearer.getBody().get("error").asText()).isEqualTo("the case link has expired");
  }

  @Test
  void aRevokedLinkIsRefusedWhileALaterLinkWorks() {
    Opened opened = openCase("Kitchen AC");
    Browser phone = new Browser(actors.baseUrl());
    phone.get(opened.path());

    ResponseEntity<JsonNode> revoked =
        actors
            .agent()
            .postForEntity("/api/cases/" + opened.caseId() + "/links/revoke", null, JsonNode.class);
    HttpResponse<String> page = phone.get(opened.path());
    HttpResponse<String> action = phone.submit(opened.path() + "/acknowledge", Map.of());
    ResponseEntity<JsonNode> asBearer =
        actors
            .bearer(opened.token())
            .getForEntity("/api/me/cases/" + opened.caseId(), JsonNode.class);
    String fresh = actors.linkToken(opened.caseId(), Instant.now().plusSeconds(600));

    assertThat(revoked.getStatusCode().value()).isEqualTo(200);
    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.body()).contains("This link was withdrawn.");
    assertThat(action.statusCode()).isEqualTo(410);
    assertThat(api.theCase(opened.caseId()).get("acknowledgedAt").isNull()).isTrue();
    assertThat(asBearer.getStatusCode().value()).isEqualTo(401);
    assertThat(asBearer.getBody().get("error").asText()).isEqualTo("the case link was withdrawn");
    assertThat(new Browser(actors.baseUrl()).get("/c/" + fresh).statusCode()).isEqualTo(200);
    assertThat(api.timelineKinds(opened.caseId())).contains("LINKS_REVOKED");
    assertThat(
            actors
                .agent()
                .postForEntity("/api/cases/987654/links/revoke", null, String.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }

  @Test
  void theLinkAsABearerTokenReachesItsOneCaseAndNothingElse() {
    Opened opened = openCase("Study AC");
    long sameOwnersOtherCase = openCaseFor(opened.customerId(), "Nursery AC");
    var link = actors.bearer(opened.token());

    JsonNode theCase = link.getForObject("/api/me/cases/" + opened.caseId(), JsonNode.class);
    JsonNode list = link.getForObject("/api/me/cases", JsonNode.class);
    JsonNode acknowledged =
        link.postForObject(
            "/api/me/cases/" + opened.caseId() + "/acknowledge", null, JsonNode.class);

    assertThat(theCase.get("device").asText()).isEqualTo("Study AC");
    assertThat(theCase.has("notifications")).isFalse();
    assertThat(list).hasSize(1);
    assertThat(acknowledged.get("acknowledged").asBoolean()).isTrue();
    assertThat(
            link.getForEntity("/api/me/cases/" + sameOwnersOtherCase, String.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);
    assertThat(
            link.postForEntity(
                    "/api/me/cases/" + sameOwnersOtherCase + "/acknowledge", null, String.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);
    assertThat(link.getForEntity("/api/me/devices", String.class).getStatusCode().value())
        .isEqualTo(403);
    assertThat(link.getForEntity("/api/cases", String.class).getStatusCode().value())
        .isEqualTo(403);
  }

  @Test
  void aResolvedCasesLinkAsksForAScoreOnce() {
    Opened opened = openCase("Porch AC");
    actors.agent().postForEntity("/api/cases/" + opened.caseId() + "/resolve", null, String.class);
    Browser phone = new Browser(actors.baseUrl());

    assertThat(phone.get(opened.path()).body()).contains("How did we do?");
    HttpResponse<String> rated = phone.submit(opened.path() + "/feedback", Map.of("score", "4"));

    assertThat(rated.statusCode()).isEqualTo(303);
    assertThat(phone.get(opened.path()).body()).contains("Thank you for your feedback: 4/5");
    assertThat(api.theCase(opened.caseId()).get("satisfaction").asInt()).isEqualTo(4);
  }

  /** A case whose first message went out (to the sandbox), with the link from its text. */
  private Opened openCase(String nickname) {
    String device = "ac-link-" + UUID.randomUUID().toString().substring(0, 8);
    long customer =
        api.owner(
            "Dana",
            "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999)),
            null,
            device,
            nickname);
    new CaseEvents(jdbc).insert(CaseEvents.opened(device));
    JsonNode theCase = api.awaitCase(device, c -> OutreachClient.sent(c, "sms", "opened"));
    String text = OutreachClient.notification(theCase, "sms", "opened").get("text").asText();
    String link = text.substring(text.indexOf("https://care.forewarn.test/c/"));
    String token = link.substring(link.lastIndexOf('/') + 1);
    return new Opened(theCase.get("id").asLong(), customer, token);
  }

  private long openCaseFor(long customer, String nickname) {
    String device = "ac-link-" + UUID.randomUUID().toString().substring(0, 8);
    api.device(device, customer, nickname);
    new CaseEvents(jdbc).insert(CaseEvents.opened(device));
    return api.awaitCase(device, c -> true).get("id").asLong();
  }

  record Opened(long caseId, long customerId, String token) {
    String path() {
      return "/c/" + token;
    }
  }
}
