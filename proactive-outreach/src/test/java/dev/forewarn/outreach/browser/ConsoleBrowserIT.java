package dev.forewarn.outreach.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.outreach.Actors;
import dev.forewarn.outreach.CaseEvents;
import dev.forewarn.outreach.InfluxFixture;
import dev.forewarn.outreach.OutreachClient;
import dev.forewarn.outreach.TestSchema;
import dev.forewarn.outreach.TwilioStandIn;
import dev.forewarn.outreach.security.Role;
import dev.forewarn.outreach.security.users.StaffUsers;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.lifecycle.Decision;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The staff console in a real browser (headless Chromium) against real PostgreSQL and InfluxDB and
 * the Twilio stand-in: a manager writes a rule, sees the field it got wrong inline, backtests the
 * fixed rule on stored history and activates it, and the case it then raises appears on the board
 * without a reload; a customer acknowledges from the SMS link and the case's timeline in the
 * console shows it, with both clocks labelled in the viewer's time zone. Every console page is
 * photographed at desktop and phone width under {@code target/screenshots/console/} and may not
 * scroll sideways on a phone. The first test starts on an empty service, so it runs first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final InfluxFixture INFLUX = new InfluxFixture();
  static final int PORT = HeadlessChromium.freePort();
  static final String BASE = HeadlessChromium.publicUrl(PORT);
  static final String MANAGER = "console-manager";
  static final String PASSWORD = "a long console password";
  static final Pattern LINK = Pattern.compile("https?://\\S+/c/[A-Za-z0-9._-]+");

  /** Two days of history, one reading a minute; the compressor runs hot for 30 minutes on day 2. */
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  static final Instant HOT_FROM = T0.plus(Duration.ofDays(1)).plus(Duration.ofHours(6));
  static final Instant HISTORY_END = T0.plus(Duration.ofDays(2));

  static final String RULE_ID = "console-overheat";

  /** The rule as a manager first types it: the level is words, not a number. */
  static final String BROKEN_RULE =
      """
      {"id": "console-overheat", "name": "Compressor overheating", "severity": "warning",
       "condition": {"type": "threshold", "metric": "compressor_temp_c", "direction": "above",
                     "level": "hot", "clearLevel": 80.0},
       "sustainedFor": "PT2M"}
      """;

  static final String FIXED_RULE = BROKEN_RULE.replace("\"hot\"", "85.0");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    TWILIO.register(registry);
    registry.add("server.port", () -> PORT);
    registry.add("forewarn.outreach.public-url", () -> BASE);
    registry.add("forewarn.influx.url", () -> InfluxFixture.URL);
    registry.add("forewarn.influx.database", INFLUX::database);
    // Critical cases escalate within seconds; the warnings the other tests raise keep 24 hours.
    registry.add("forewarn.outreach.critical-ack-window", () -> "2s");
    registry.add("forewarn.intake.timer-interval", () -> "500ms");
  }

  @AfterAll
  static void stopFixtures() {
    TWILIO.stop();
    INFLUX.close();
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;
  @Autowired StaffUsers staff;
  OutreachClient api;
  HeadlessChromium browser;

  @BeforeEach
  void start() {
    api = new OutreachClient(actors.manager());
    staff.addOrReset(MANAGER, PASSWORD, Role.MANAGER);
    browser = HeadlessChromium.start("console");
  }

  @AfterEach
  void stop() {
    browser.close();
  }

  @Test
  @Order(1)
  void aManagerWritesBacktestsAndActivatesARuleAndItsCaseAppearsOnTheBoardWithoutAReload() {
    String device = "ac-console-" + UUID.randomUUID().toString().substring(0, 8);
    long owner = customer("Robin", "+15550" + (100000 + (int) (Math.random() * 800000)));
    api.device(device, owner, "Shop floor AC");
    for (int minute = 0; minute < 2 * 24 * 60; minute++) {
      Instant at = T0.plus(Duration.ofMinutes(minute));
      boolean hot = !at.isBefore(HOT_FROM) && at.isBefore(HOT_FROM.plus(Duration.ofMinutes(30)));
      INFLUX.reading(device, at, minute, Map.of("compressor_temp_c", hot ? 91.0 : 70.0));
    }
    INFLUX.write();

    browser.width(HeadlessChromium.DESKTOP);
    signIn();
    assertThat(browser.find("[data-empty=cases]").getText())
        .contains("No rules yet, so no cases", "Write a rule");
    browser.screenshots("board-empty");
    browser.open(BASE + "/console/rules");
    assertThat(browser.find("[data-empty=rules]").getText()).contains("No rules yet");
    browser.screenshots("rules-empty");
    browser.click("a[data-new-rule]");

    // A rule with an error: the field is named inline, next to the editor.
    type("#rule-document", BROKEN_RULE);
    browser.find("button[data-rule-action=check]").click();
    WebElement problem =
        browser.waitUntil(d -> visible("#rule-problem") ? browser.find("#rule-problem") : null);
    assertThat(problem.getAttribute("data-field")).isEqualTo("condition.level");
    assertThat(problem.getText()).startsWith("condition.level:");
    assertThat(browser.find("#rule-document").getAttribute("aria-invalid")).isEqualTo("true");
    browser.screenshots("rule-invalid");

    // Fixed, it checks and backtests on the stored history: one would-be case, on the chart.
    type("#rule-document", FIXED_RULE);
    browser.find("button[data-rule-action=check]").click();
    browser.waitUntil(d -> visible("#rule-ok"));
    assertThat(browser.find("#rule-ok").getText()).isEqualTo("The rule is valid.");
    assertThat(visible("#rule-problem")).isFalse();
    type("#bt-devices", device);
    type("#bt-from", T0.toString());
    type("#bt-to", HISTORY_END.toString());
    browser.find("button[data-rule-action=backtest]").click();
    browser.waitUntil(d -> "DONE".equals(browser.find("#bt-status").getAttribute("data-status")));
    assertThat(browser.find("#bt-status").getText())
        .isEqualTo("Done: 2880 readings, 1 case(s) would have opened.");
    List<WebElement> wouldBe = browser.all("#bt-cases tbody tr");
    assertThat(wouldBe).hasSize(1);
    assertThat(wouldBe.get(0).getAttribute("data-device")).isEqualTo(device);
    assertThat(
            wouldBe
                .get(0)
                .findElement(org.openqa.selenium.By.cssSelector("time"))
                .getAttribute("datetime"))
        .isEqualTo(HOT_FROM.plus(Duration.ofMinutes(2)).toString());
    browser.waitUntil(d -> browser.find("#bt-chart").getAttribute("data-markers") != null);
    assertThat(browser.find("#bt-chart").getAttribute("data-markers")).isEqualTo("1");
    assertThat(browser.all("#bt-chart canvas")).isNotEmpty();
    assertThat(browser.find("#bt-chart .chart").getAttribute("data-limit")).isEqualTo("85");
    browser.screenshots("rule-backtest");
    assertThat(api.get("/api/rules").size()).as("a backtest stores nothing").isZero();

    // Activated: stored and in force.
    browser.find("button[data-rule-action=activate]").click();
    browser.waitUntil(d -> "active".equals(browser.find("#rule-ok").getAttribute("data-saved")));
    assertThat(browser.find("#rule-ok").getText()).startsWith("Saved as v1 and activated");
    JsonNode stored = api.get("/api/rules/" + RULE_ID);
    assertThat(stored.get("active").asBoolean()).isTrue();
    assertThat(stored.get("document").get("condition").get("level").asDouble()).isEqualTo(85.0);

    // The board says why it is empty, then shows the case without a reload.
    browser.open(BASE + "/console/cases");
    assertThat(browser.find("[data-empty=cases]").getText()).contains("No cases yet");
    browser.script("window.sameDocument = 'yes'");
    new CaseEvents(jdbc)
        .insert(overheat(device, RULE_ID, HOT_FROM, Optional.empty(), Severity.WARNING));
    WebElement card =
        browser.waitUntil(
            d ->
                browser.all("#board li.card[data-device='" + device + "']").stream()
                    .findFirst()
                    .orElse(null));
    assertThat(browser.script("return window.sameDocument")).isEqualTo("yes");
    assertThat(card.getText()).contains(device, RULE_ID + " v1");
    long caseId = Long.parseLong(card.getAttribute("data-case"));
    // Once the SMS has gone out, the card moves to "notified", still without a reload.
    browser.waitUntil(
        d -> !browser.all("[data-stage=notified] li.card[data-case='" + caseId + "']").isEmpty());
    assertThat(browser.script("return window.sameDocument")).isEqualTo("yes");
    browser.screenshots("board");

    browser.open(BASE + "/console/cases/" + caseId);
    assertThat(browser.text()).contains("Case #" + caseId, "Notified", "On the device", "Forewarn");
    assertThat(browser.all(".timeline li[data-kind]")).isNotEmpty();
    browser.screenshots("case");

    browser.open(BASE + "/console/devices/" + device + "?from=" + T0 + "&to=" + HISTORY_END);
    browser.waitUntil(d -> browser.find("#device-charts").getAttribute("data-charts") != null);
    assertThat(browser.find("#device-charts").getAttribute("data-charts")).isEqualTo("1");
    assertThat(browser.find("#device-charts .chart").getAttribute("data-markers")).isEqualTo("1");
    assertThat(browser.find("tr[data-case='" + caseId + "']").getText()).contains("OPEN");
    browser.screenshots("device");

    browser.open(BASE + "/console/devices/" + device + "?from=" + HISTORY_END + "&to=" + T0);
    assertThat(browser.find("[role=alert]").getText()).isEqualTo("from: must be before to");
    browser.open(BASE + "/console/cases/987654");
    assertThat(browser.find("[role=alert]").getText()).isEqualTo("no case with id 987654");
    browser.screenshots("not-found");

    browser.open(BASE + "/console/devices");
    assertThat(browser.find("tr[data-device='" + device + "']").getText())
        .contains("Shop floor AC", "WARNING");
    browser.screenshots("devices");

    browser.open(BASE + "/console/rules");
    assertThat(browser.find("tr[data-rule='" + RULE_ID + "'] .rule-name").getText())
        .isEqualTo("Compressor overheating");
    assertThat(browser.find("tr[data-rule='" + RULE_ID + "']").getText()).contains("active, v1");
    browser.screenshots("rules");
    browser.open(BASE + "/console/rules/" + RULE_ID);
    assertThat(browser.find("#rule-document").getAttribute("value")).contains("\"level\": 85,");
    browser.screenshots("rule");

    browser.open(BASE + "/console/deliveries");
    assertThat(browser.find("tbody tr td").getText()).isNotBlank();
    assertThat(browser.text()).contains("#" + caseId);
    browser.screenshots("deliveries");

    browser.open(BASE + "/console/queue");
    assertThat(browser.find("[data-empty=queue]").getText()).contains("Nothing waiting");
    browser.screenshots("queue-empty");

    browser.open(BASE + "/console/dead-letters");
    assertThat(browser.find("[data-empty=dead-letters]").getText()).contains("No dead letters");
    browser.screenshots("dead-letters-empty");
    String payload = "{\"device_id\": \"<script>window.injected = 1</script>\"";
    jdbc.update(
        "INSERT INTO dead_letters (received_at, topic, reason, payload) VALUES (?, ?, ?, ?)",
        Timestamp.from(Instant.now()),
        "devices/" + device + "/telemetry",
        "malformed JSON: unexpected end of input",
        payload);
    browser.open(BASE + "/console/dead-letters");
    assertThat(browser.find("li[data-letter] pre").getText()).isEqualTo(payload);
    assertThat(browser.script("return window.injected === undefined")).isEqualTo(true);
    browser.screenshots("dead-letters");
  }

  @Test
  @Order(2)
  void aCustomerAcknowledgesFromTheSmsLinkAndTheConsoleTimelineShowsItInTheViewersZone() {
    ensureLinkRule();
    String phone = "+15551" + (100000 + (int) (Math.random() * 800000));
    long owner = customer("Dana", phone);
    String device = "ac-link-" + UUID.randomUUID().toString().substring(0, 8);
    api.device(device, owner, "Living room AC");
    Instant episode = Instant.parse("2026-11-22T10:00:00Z");
    Instant eta = Instant.now().plus(Duration.ofHours(5)).plusSeconds(120);
    new CaseEvents(jdbc)
        .insert(
            overheat(device, "compressor-overheat", episode, Optional.of(eta), Severity.WARNING));
    long caseId = api.awaitCase(device, c -> true).get("id").asLong();
    String link = smsLink(device, phone);

    zone("Asia/Seoul");
    browser.open(link);
    assertThat(browser.text())
        .contains("Living room AC", "It may stop working within about 5 hours");
    browser.click("button[data-action=acknowledge]");
    assertThat(browser.find("[data-done=acknowledge]").getText())
        .isEqualTo("You have told us you have seen this.");

    browser.width(HeadlessChromium.DESKTOP);
    signIn();
    browser.open(BASE + "/console/cases/" + caseId);
    assertThat(browser.find("[data-stage-label]").getText()).isEqualTo("Acknowledged");
    WebElement acknowledged = browser.find(".timeline li[data-kind=ACKNOWLEDGED]");
    assertThat(acknowledged.getText())
        .contains("on the self-service page")
        .startsWith("Forewarn: ");
    String clocks = browser.find(".clocks").getText();
    assertThat(clocks)
        .as("event time on the device, 10:02Z, is 19:02 in Seoul")
        .contains("On the device", "Case opened: 2026-11-22 19:02:00")
        .contains("Problem began: 2026-11-22 19:00:00")
        .contains("Forewarn", "Acknowledged: ")
        .contains("Times are shown in your time zone, Asia/Seoul.");
    String acknowledgedAt = api.theCase(caseId).get("acknowledgedAt").asText();
    String seoul =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(java.time.ZoneId.of("Asia/Seoul"))
            .format(Instant.parse(acknowledgedAt));
    assertThat(clocks).contains("Acknowledged: " + seoul);
    browser.screenshots("case-acknowledged");

    browser.open(BASE + "/console/cases");
    assertThat(browser.all("[data-stage=acknowledged] li.card[data-case='" + caseId + "']"))
        .hasSize(1);
  }

  @Test
  @Order(3)
  void aVisitTheCustomerBookedAndACaseNobodyAcknowledgedWaitInTheAgentQueue() {
    ensureLinkRule();
    Instant episode = Instant.parse("2026-11-23T08:00:00Z");
    String bookingPhone = "+15552" + (100000 + (int) (Math.random() * 800000));
    String booking = "ac-book-" + UUID.randomUUID().toString().substring(0, 8);
    api.device(booking, customer("Sam", bookingPhone), "Office AC");
    String silentPhone = "+15553" + (100000 + (int) (Math.random() * 800000));
    String silent = "ac-silent-" + UUID.randomUUID().toString().substring(0, 8);
    api.device(silent, customer("Lee", silentPhone), "Server room AC");
    CaseEvents events = new CaseEvents(jdbc);
    events.insert(
        overheat(booking, "compressor-overheat", episode, Optional.empty(), Severity.WARNING));
    events.insert(
        overheat(silent, "compressor-overheat", episode, Optional.empty(), Severity.CRITICAL));
    long booked = api.awaitCase(booking, c -> true).get("id").asLong();
    long escalated = api.awaitCase(silent, c -> true).get("id").asLong();

    // The customer books from the SMS link; the other owner never answers, even the reminder.
    browser.open(smsLink(booking, bookingPhone));
    browser.click("button[data-action=book]");
    assertThat(browser.find("[data-done=book]").getText())
        .isEqualTo("An agent will contact you to arrange a visit.");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.theCase(escalated), c -> c.get("escalatedAt").isTextual());

    browser.width(HeadlessChromium.DESKTOP);
    signIn();
    browser.open(BASE + "/console/queue");
    assertThat(browser.all("[data-empty=queue]")).isEmpty();
    WebElement visit = browser.find("ol.queue li[data-case='" + booked + "']");
    assertThat(visit.getText())
        .contains("Visit booked", "case #" + booked, booking)
        .contains("the customer asked for a visit on the self-service page");
    WebElement call = browser.find("ol.queue li[data-case='" + escalated + "']");
    assertThat(call.getText())
        .contains("Escalated", "case #" + escalated, silent)
        .contains("not acknowledged after a reminder; please call");
    assertThat(call.getAttribute("class")).contains("critical");
    assertThat(TWILIO.requestsTo(silentPhone)).as("the message and its reminder").hasSize(2);
    browser.screenshots("queue");
  }

  // --- helpers -------------------------------------------------------------------------------

  /** The rule the case links' pages word their cases with, stored once. */
  private void ensureLinkRule() {
    if (api.get("/api/rules").findValues("id").stream()
        .noneMatch(id -> id.asText().equals("compressor-overheat"))) {
      api.post("/api/rules", OutreachClient.json(CustomerPageBrowserIT.RULE), 201);
    }
  }

  /** The case link in the first SMS the Twilio stand-in received for this device's owner. */
  private String smsLink(String device, String phone) {
    api.awaitCase(device, c -> OutreachClient.sent(c, "sms", "opened"));
    String sms =
        await()
            .atMost(OutreachClient.WAIT)
            .until(
                () -> TWILIO.requestsTo(phone).stream().map(r -> r.get("Body")).toList(),
                b -> !b.isEmpty())
            .get(0);
    Matcher link = LINK.matcher(sms);
    assertThat(link.find()).as("a link in %s", sms).isTrue();
    return link.group();
  }

  private void signIn() {
    browser.open(BASE + "/console/cases");
    assertThat(browser.url()).endsWith("/login");
    browser.find("input[name=username]").sendKeys(MANAGER);
    browser.find("input[name=password]").sendKeys(PASSWORD);
    browser.click("button[type=submit]");
    assertThat(browser.url()).contains("/console/cases");
  }

  /** Replaces a field's text as a person would: select all, delete, type. */
  private void type(String css, String text) {
    WebElement field = browser.find(css);
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    field.sendKeys(text);
  }

  private boolean visible(String css) {
    return browser.find(css).isDisplayed();
  }

  /** The page's time zone, as a viewer in that zone has it. */
  private void zone(String zone) {
    ((ChromeDriver) browser.driver())
        .executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
  }

  private long customer(String name, String phone) {
    Map<String, Object> customer = new HashMap<>();
    customer.put("name", name);
    customer.put("phone", phone);
    customer.put("locale", "en");
    customer.put("timeZone", "UTC");
    return api.post("/api/customers", customer, 201).get("id").asLong();
  }

  /** An overheating compressor as the job decides it: open two minutes into the episode. */
  private static CaseEvent overheat(
      String device, String rule, Instant episodeStart, Optional<Instant> eta, Severity severity) {
    Instant at = episodeStart.plus(Duration.ofMinutes(2));
    Map<String, Double> evidence = new HashMap<>();
    evidence.put("value", 91.0);
    evidence.put("level", 85.0);
    evidence.put("clear_level", 80.0);
    eta.ifPresent(e -> evidence.put("eta_seconds", (double) Duration.between(at, e).toSeconds()));
    return CaseEvent.of(
        device,
        new Decision(
            Decision.Kind.OPEN,
            rule,
            1,
            severity,
            at,
            episodeStart,
            evidence,
            "compressor_temp_c above 85.0 for 2m (now 91.0)",
            eta,
            eta.isPresent() ? OptionalDouble.of(0.9) : OptionalDouble.empty()));
  }
}
