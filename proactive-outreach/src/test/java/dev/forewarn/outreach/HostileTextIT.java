package dev.forewarn.outreach;

import static dev.forewarn.outreach.OutreachClient.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/**
 * SQL and HTML in every text a caller can give the service (customer name, device nickname and
 * model, rule name and customer wording, an inbound SMS and its id, a query filter): stored and
 * answered verbatim, every table still there, and each console and customer page that shows the
 * text (the case link page and the signed-in customer's account too) shows it escaped, never as
 * markup.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class HostileTextIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final String ROOT = RetainedRules.newRoot();

  static final String SQL = "'; DROP TABLE cases;--";
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "<img src=x onerror=alert(1)>";
  static final String HOSTILE = SQL + " " + SCRIPT + " " + IMG;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    TWILIO.register(registry);
    registry.add("forewarn.outreach.public-url", () -> TwilioWebhooks.PUBLIC_URL);
    registry.add("forewarn.mqtt.url", () -> RetainedRules.MQTT_URL);
    registry.add("forewarn.mqtt.rules-topic", () -> ROOT + "/+");
  }

  @AfterAll
  static void stopStandIn() {
    TWILIO.stop();
  }

  @AfterEach
  void clearRetainedRules() throws Exception {
    RetainedRules.clear(ROOT, CaseEvents.RULE);
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;

  @Test
  void sqlAndMarkupInEveryTextAreStoredVerbatimAndShownEscaped() throws Exception {
    var http = actors.manager();
    OutreachClient api = new OutreachClient(http);
    String device = "ac-hostile";
    String phone = "+14155550142";
    api.post("/api/rules", hostileRule(), 201);
    long customer = api.owner(HOSTILE, phone, null, device, HOSTILE);
    var patched =
        http.exchange(
            "/api/devices/" + device,
            HttpMethod.PATCH,
            new HttpEntity<>(Map.of("model", HOSTILE)),
            JsonNode.class);
    assertThat(patched.getStatusCode().value()).as("%s", patched.getBody()).isEqualTo(200);
    new CaseEvents(jdbc).insert(CaseEvents.opened(device));
    long caseId = api.awaitCase(device, c -> sent(c, "sms", "opened")).get("id").asLong();
    TwilioWebhooks twilio = new TwilioWebhooks(port);
    HttpResponse<String> reply = twilio.inbound("SM" + SQL, phone, HOSTILE);

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body()).doesNotContain(SCRIPT, IMG);
    assertThat(api.get("/api/customers/" + customer).at("/customer/name").asText())
        .isEqualTo(HOSTILE);
    JsonNode stored = api.get("/api/devices/" + device);
    assertThat(stored.toString())
        .as("nickname and model")
        .contains(HOSTILE + "\",\"model\":\"" + HOSTILE);
    assertThat(api.get("/api/rules/" + CaseEvents.RULE).get("name").asText()).isEqualTo(HOSTILE);
    assertThat(api.timelineText(caseId)).contains("customer replied \\\"" + HOSTILE);
    assertThat(
            jdbc.queryForObject(
                "SELECT body FROM inbound_messages WHERE message_sid = ?",
                String.class,
                "SM" + SQL))
        .isEqualTo(HOSTILE);
    JsonNode filtered = devicesOfModel(HOSTILE);
    assertThat(filtered.toString()).contains("\"" + device + "\"");
    JsonNode none = devicesOfModel("x' OR '1'='1");
    assertThat(none.toString()).doesNotContain("\"" + device + "\"");
    var sorted =
        actors
            .manager()
            .getForEntity(
                URI.create(
                    actors.baseUrl()
                        + "/api/devices?sort="
                        + URLEncoder.encode("id; DROP TABLE cases;--", StandardCharsets.UTF_8)),
                JsonNode.class);
    assertThat(sorted.getStatusCode().value()).isEqualTo(400);
    assertThat(sorted.getBody().get("field").asText()).isEqualTo("sort");
    assertThat(TableCounts.of(jdbc)).containsKeys("cases", "customers", "devices", "rules");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM cases", Long.class)).isEqualTo(1);

    Browser console = signedInManager();
    for (String page :
        List.of(
            "/console/devices",
            "/console/devices/" + device,
            "/console/rules",
            "/console/rules/" + CaseEvents.RULE,
            "/console/cases/" + caseId)) {
      HttpResponse<String> html = console.get(page);
      assertThat(html.statusCode()).as(page).isEqualTo(200);
      assertEscaped(page, html.body());
    }
    String link = actors.linkToken(caseId, Instant.now().plusSeconds(600));
    HttpResponse<String> customerPage = new Browser(actors.baseUrl()).get("/c/" + link);
    assertThat(customerPage.statusCode()).isEqualTo(200);
    assertEscaped("/c/{token}", customerPage.body());
    Browser me = signedInCustomer(phone);
    HttpResponse<String> account = me.get("/me");
    assertThat(account.statusCode()).isEqualTo(200);
    assertThat(account.body()).contains("Hello " + HtmlUtils.htmlEscape(SQL));
    assertEscaped("/me", account.body());
  }

  /** The customer signs in with a code sent by SMS to their number, as CustomerSignInIT does. */
  private Browser signedInCustomer(String phone) {
    Browser browser = new Browser(actors.baseUrl());
    browser.get("/me/sign-in");
    browser.submit("/me/sign-in/code", Map.of("address", phone));
    String prefix = "Forewarn: your sign-in code is ";
    String body =
        await()
            .atMost(OutreachClient.WAIT)
            .until(
                () ->
                    TWILIO.requestsTo(phone).stream()
                        .map(sms -> sms.get("Body"))
                        .filter(text -> text.startsWith(prefix))
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    String code = body.substring(prefix.length(), prefix.length() + 6);
    HttpResponse<String> signedIn =
        browser.submit("/me/sign-in", Map.of("address", phone, "code", code));
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/me");
    return browser;
  }

  /** The device list filtered by model, the value encoded once, as a browser would. */
  private JsonNode devicesOfModel(String model) {
    URI uri =
        URI.create(
            actors.baseUrl()
                + "/api/devices?model="
                + URLEncoder.encode(model, StandardCharsets.UTF_8));
    var answer = actors.manager().getForEntity(uri, JsonNode.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    return answer.getBody();
  }

  private static void assertEscaped(String page, String html) {
    assertThat(html)
        .as(page)
        .contains(HtmlUtils.htmlEscape(SCRIPT))
        .contains(HtmlUtils.htmlEscape(IMG))
        .doesNotContain(SCRIPT, IMG, "<img src=x");
  }

  private ObjectNode hostileRule() {
    ObjectNode rule = json.createObjectNode();
    rule.put("id", CaseEvents.RULE);
    rule.put("name", HOSTILE);
    rule.put("severity", "warning");
    ObjectNode condition = rule.putObject("condition");
    condition.put("type", "threshold");
    condition.put("metric", "compressor_temp_c");
    condition.put("direction", "above");
    condition.put("level", 85.0);
    condition.put("clearLevel", 80.0);
    rule.put("sustainedFor", "PT2M");
    rule.putObject("customerWording").putObject("text").put("en", HOSTILE);
    return rule;
  }

  private Browser signedInManager() {
    actors
        .manager()
        .postForEntity(
            "/api/users",
            Map.of(
                "username",
                "hostile-boss",
                "password",
                "a long enough password",
                "role",
                "MANAGER"),
            String.class);
    Browser browser = new Browser(actors.baseUrl());
    browser.get("/login");
    HttpResponse<String> signedIn =
        browser.submit(
            "/login", Map.of("username", "hostile-boss", "password", "a long enough password"));
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    return browser;
  }
}
