package dev.forewarn.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.outreach.Actors;
import dev.forewarn.outreach.Browser;
import dev.forewarn.outreach.CaseEvents;
import dev.forewarn.outreach.OutreachClient;
import dev.forewarn.outreach.TestSchema;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 * Every API endpoint against every kind of caller, each with a real credential: nobody gets 401 as
 * JSON (never a redirect), a role the endpoint is not for gets 403, the roles it is for get
 * through. The table below is the role matrix of the module README.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRulesIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final String M = "MANAGER";
  static final String A = "AGENT";
  static final String C = "CUSTOMER";
  static final String L = "CASE_LINK";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;

  final Map<String, Supplier<TestRestTemplate>> callers = new LinkedHashMap<>();
  final List<Endpoint> endpoints = new ArrayList<>();

  /**
   * @param streams a Server-Sent Events stream: checked for refusals only, an accepted stream would
   *     stay open
   */
  record Endpoint(
      HttpMethod method, String path, Object body, Set<String> allowed, boolean streams) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  @BeforeAll
  void fixtures() {
    String device = "ac-access-" + UUID.randomUUID().toString().substring(0, 8);
    OutreachClient api = new OutreachClient(actors.manager());
    long customer = api.owner("Ada", "+15550100001", "ada@example.com", device, "Hall AC");
    new CaseEvents(jdbc).insert(CaseEvents.opened(device));
    long caseId = api.awaitCase(device, c -> true).get("id").asLong();

    TestRestTemplate customerToken = actors.customer(customer);
    callers.put(M, actors::manager);
    callers.put(A, actors::agent);
    callers.put(C, () -> customerToken);
    // A fresh link for every call: the table revokes the case's links on the way.
    callers.put(L, () -> actors.caseLink(caseId));

    String cust = "/api/customers/" + customer;
    String theCase = "/api/cases/" + caseId;
    String mine = "/api/me/cases/" + caseId;
    Map<String, Object> rule =
        Map.of(
            "id", "access-rule",
            "type", "threshold",
            "name", "Hot",
            "severity", "warning",
            "metric", "t",
            "direction", "above",
            "level", 85.0);
    add(HttpMethod.GET, "/api/rules", null, M, A);
    add(HttpMethod.POST, "/api/rules", rule, M);
    add(HttpMethod.GET, "/api/rules/access-rule", null, M, A);
    add(HttpMethod.GET, "/api/rules/access-rule/versions", null, M, A);
    add(HttpMethod.GET, "/api/rules/access-rule/versions/1", null, M, A);
    add(HttpMethod.PUT, "/api/rules/access-rule", rule, M);
    add(HttpMethod.POST, "/api/rules/validate", rule, M);
    add(HttpMethod.POST, "/api/rules/access-rule/deactivate", null, M);
    add(HttpMethod.POST, "/api/rules/access-rule/activate", null, M);
    add(HttpMethod.DELETE, "/api/rules/access-rule", null, M);
    add(HttpMethod.POST, "/api/backtests", Map.of("ruleId", "access-rule"), M);
    add(HttpMethod.GET, "/api/backtests", null, M);
    add(HttpMethod.GET, "/api/backtests/987654", null, M);
    add(HttpMethod.GET, "/api/tokens", null, M);
    add(HttpMethod.POST, "/api/tokens", Map.of("name", "ci", "role", "AGENT"), M);
    add(HttpMethod.DELETE, "/api/tokens/987654", null, M);
    add(HttpMethod.GET, "/api/users", null, M);
    add(
        HttpMethod.POST,
        "/api/users",
        Map.of("username", "agent-access", "password", "a long enough password", "role", "AGENT"),
        M);
    add(HttpMethod.DELETE, "/api/users/nobody", null, M);
    add(HttpMethod.POST, "/api/customers", Map.of("name", "Bo", "email", "bo@example.com"), M);
    add(HttpMethod.POST, "/api/devices", Map.of("deviceId", device, "customerId", customer), M);
    add(HttpMethod.GET, cust, null, M, A);
    add(HttpMethod.GET, cust + "/contact-points", null, M, A);
    add(
        HttpMethod.POST,
        cust + "/contact-points",
        Map.of("channel", "email", "address", "ada.work@example.com"),
        M,
        A);
    add(HttpMethod.DELETE, cust + "/contact-points/987654", null, M, A);
    add(HttpMethod.GET, cust + "/preferences", null, M, A);
    add(HttpMethod.PUT, cust + "/preferences", Map.of(), M, A);
    add(HttpMethod.GET, cust + "/inbox", null, M, A);
    endpoints.add(new Endpoint(HttpMethod.GET, cust + "/inbox/stream", null, Set.of(M, A), true));
    add(HttpMethod.POST, cust + "/inbox/987654/read", null, M, A);
    add(HttpMethod.GET, "/api/devices/" + device, null, M, A);
    add(HttpMethod.GET, "/api/devices", null, M, A);
    add(HttpMethod.PATCH, "/api/devices/" + device, Map.of("nickname", "Hall"), M);
    // Without a start the range is refused (400) before the history would be asked.
    add(HttpMethod.GET, "/api/devices/" + device + "/telemetry", null, M, A);
    add(HttpMethod.GET, "/api/cases", null, M, A);
    add(HttpMethod.GET, theCase, null, M, A);
    add(HttpMethod.GET, theCase + "/timeline", null, M, A);
    add(HttpMethod.POST, theCase + "/acknowledge", null, M, A);
    add(HttpMethod.POST, theCase + "/links/revoke", null, M, A);
    add(HttpMethod.GET, "/api/agent-tasks", null, M, A);
    add(HttpMethod.GET, "/api/stats", null, M, A);
    add(HttpMethod.GET, "/api/dead-letters", null, M, A);
    add(HttpMethod.GET, "/api/dead-letters/kinds", null, M, A);
    add(HttpMethod.GET, "/api/deliveries", null, M, A);
    add(HttpMethod.GET, "/api/deliveries/summary", null, M, A);
    add(HttpMethod.GET, "/api/not-yet-an-endpoint", null, M);
    add(HttpMethod.GET, "/api/me", null, C);
    add(HttpMethod.GET, "/api/me/devices", null, C);
    add(HttpMethod.GET, "/api/me/devices/" + device, null, C);
    add(HttpMethod.GET, "/api/me/preferences", null, C);
    add(HttpMethod.PUT, "/api/me/preferences", Map.of(), C);
    add(HttpMethod.GET, "/api/me/inbox", null, C);
    endpoints.add(new Endpoint(HttpMethod.GET, "/api/me/inbox/stream", null, Set.of(C), true));
    add(HttpMethod.POST, "/api/me/inbox/987654/read", null, C);
    add(HttpMethod.GET, "/api/me/cases", null, C, L);
    add(HttpMethod.GET, mine, null, C, L);
    add(HttpMethod.POST, mine + "/acknowledge", null, C, L);
    add(HttpMethod.POST, mine + "/book", null, C, L);
    add(HttpMethod.POST, mine + "/snooze", null, C, L);
    add(HttpMethod.POST, mine + "/feedback?score=5", null, C, L);
    // Last: resolving changes what the customer endpoints above may do.
    add(HttpMethod.POST, theCase + "/resolve", null, M, A);
  }

  private void add(HttpMethod method, String path, Object body, String... allowed) {
    endpoints.add(new Endpoint(method, path, body, Set.of(allowed), false));
  }

  @Test
  void anonymousCallsGet401WithAJsonErrorAndNoRedirect() {
    SoftAssertions softly = new SoftAssertions();
    for (Endpoint endpoint : endpoints) {
      ResponseEntity<String> answer = call(actors.anonymous(), endpoint);
      softly.assertThat(answer.getStatusCode().value()).as("%s", endpoint).isEqualTo(401);
      softly
          .assertThat(answer.getHeaders().getContentType())
          .as("%s", endpoint)
          .isEqualTo(MediaType.APPLICATION_JSON);
      softly.assertThat(answer.getBody()).as("%s", endpoint).contains("\"error\"");
      softly.assertThat(answer.getHeaders().getLocation()).as("%s", endpoint).isNull();
      softly
          .assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
          .as("%s", endpoint)
          .startsWith("Bearer");
    }
    softly.assertAll();
  }

  @Test
  void everyCallerWhoseRoleAnEndpointIsNotForGets403() {
    SoftAssertions softly = new SoftAssertions();
    int refusals = 0;
    for (Endpoint endpoint : endpoints) {
      for (var caller : callers.entrySet()) {
        if (!endpoint.allowed().contains(caller.getKey())) {
          ResponseEntity<String> answer = call(caller.getValue().get(), endpoint);
          softly
              .assertThat(answer.getStatusCode().value())
              .as("%s as %s: %s", endpoint, caller.getKey(), answer.getBody())
              .isEqualTo(403);
          softly.assertThat(answer.getBody()).as("%s", endpoint).contains("your role may not");
          refusals++;
        }
      }
    }
    softly.assertAll();
    assertThat(refusals).isGreaterThan(100);
  }

  @Test
  void everyCallerWhoseRoleAnEndpointIsForGetsThrough() {
    SoftAssertions softly = new SoftAssertions();
    for (Endpoint endpoint : endpoints) {
      if (endpoint.streams()) {
        continue;
      }
      for (String role : endpoint.allowed()) {
        ResponseEntity<String> answer = call(callers.get(role).get(), endpoint);
        softly
            .assertThat(answer.getStatusCode().value())
            .as("%s as %s: %s", endpoint, role, answer.getBody())
            .isNotIn(401, 403)
            .isLessThan(500);
      }
    }
    softly.assertAll();
  }

  @Test
  void twilioWebhooksNeedNoSessionOrCsrfTokenButTheirSignature() {
    TestRestTemplate nobody = actors.anonymous();
    HttpHeaders form = new HttpHeaders();
    form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);

    ResponseEntity<String> unsigned =
        nobody.postForEntity(
            "/webhooks/twilio/inbound",
            new HttpEntity<>("MessageSid=SM1&From=%2B15550100001&Body=ACK", form),
            String.class);

    // Refused by the signature check itself, not by CSRF or a sign-in; and no session is made.
    assertThat(unsigned.getStatusCode().value()).isEqualTo(403);
    assertThat(unsigned.getBody()).isEqualTo("invalid Twilio signature");
    assertThat(unsigned.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
  }

  @Test
  void theConsoleAndEveryOtherPageSendNobodyToTheSignInForm() {
    Browser browser = new Browser(actors.baseUrl());
    for (String page :
        List.of(
            "/",
            "/index.html",
            "/console/cases",
            "/console/cases/1",
            "/console/rules/new",
            "/console/devices/ac-1",
            "/console/dead-letters",
            "/anything-else")) {
      HttpResponse<String> answer = browser.get(page);
      assertThat(answer.statusCode()).as(page).isEqualTo(302);
      assertThat(answer.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/login");
    }
    JsonNode health = actors.anonymous().getForObject("/actuator/health", JsonNode.class);
    assertThat(health.get("status").asText()).isEqualTo("UP");
  }

  private static ResponseEntity<String> call(TestRestTemplate caller, Endpoint endpoint) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM));
    return caller.exchange(
        endpoint.path(),
        endpoint.method(),
        new HttpEntity<>(endpoint.body(), headers),
        String.class);
  }
}
