package dev.forewarn.outreach.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.outreach.Actors;
import dev.forewarn.outreach.CaseEvents;
import dev.forewarn.outreach.OutreachClient;
import dev.forewarn.outreach.TestSchema;
import dev.forewarn.outreach.TwilioStandIn;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.lifecycle.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The customer's pages in a real browser (headless Chromium): the link taken from the SMS body the
 * Twilio stand-in received, the ETA, acknowledging, the satisfaction question, two customers who
 * see nothing of each other, a Korean customer in Korean, the signed-in account page with its live
 * inbox. Each page is photographed at desktop and phone width and may not scroll sideways on a
 * phone. The service runs on a fixed free port so that the links in its messages open as they are.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class CustomerPageBrowserIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final int PORT = HeadlessChromium.freePort();
  static final String BASE = HeadlessChromium.publicUrl(PORT);
  static final AtomicInteger NEXT = new AtomicInteger(1000 + (int) (Math.random() * 8000));
  static final Pattern LINK = Pattern.compile("https?://\\S+/c/[A-Za-z0-9._-]+");
  static final Pattern CODE = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final String RULE =
      """
      {"id": "compressor-overheat", "name": "Compressor overheating", "severity": "warning",
       "condition": {"type": "threshold", "metric": "compressor_temp_c", "direction": "above",
                     "level": 85.0, "clearLevel": 80.0},
       "sustainedFor": "PT2M",
       "customerWording": {
         "text": {"en": "The compressor is running hot: {value}, limit {level}",
                  "ko": "압축기가 과열되고 있습니다: {value}, 기준 {level}"},
         "units": {"compressor_temp_c": "°C"}}}
      """;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    TWILIO.register(registry);
    registry.add("server.port", () -> PORT);
    registry.add("forewarn.outreach.public-url", () -> BASE);
  }

  @AfterAll
  static void stopStandIn() {
    TWILIO.stop();
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;
  OutreachClient api;
  HeadlessChromium browser;

  @BeforeEach
  void start() {
    api = new OutreachClient(actors.manager());
    if (api.get("/api/rules").isEmpty()) {
      api.post("/api/rules", OutreachClient.json(RULE), 201);
    }
    browser = HeadlessChromium.start("customer-page");
  }

  @AfterEach
  void stop() {
    browser.close();
  }

  @Test
  void aCustomerOpensTheLinkFromTheSmsSeesTheEtaAndAcknowledgesAndTheTimelineShowsIt() {
    Owner dana = owner("Dana", "Living room AC", "en", "Asia/Seoul");
    long caseId = open(dana, Duration.ofHours(5));
    String link = linkInSmsTo(dana);

    browser.open(link);
    String page = browser.text();
    browser.screenshots("case-link-open");

    assertThat(page)
        .contains("Living room AC", "Needs attention soon")
        .contains("The compressor is running hot: 86 °C, limit 85 °C")
        .contains("It may stop working within about 5 hours")
        .contains("Please book a service check in the next few days.")
        .doesNotContain("compressor_temp_c");
    assertThat(page)
        .as("both clocks, labelled, in the customer's time zone (10:02Z is 19:02 in Seoul)")
        .contains("On your device", "Detected: 22 Nov 2026, 19:02", "Forewarn", "We told you")
        .contains("Times are in your time zone, Asia/Seoul.");

    browser.click("button[data-action=acknowledge]");

    assertThat(browser.find("[data-done=acknowledge]").getText())
        .isEqualTo("You have told us you have seen this.");
    assertThat(browser.text()).contains("You told us you saw it");
    List<JsonNode> timeline = timeline(caseId);
    assertThat(timeline)
        .anySatisfy(
            e -> {
              assertThat(e.get("kind").asText()).isEqualTo("ACKNOWLEDGED");
              assertThat(e.get("detail").asText()).contains("on the self-service page");
            });
    assertThat(api.theCase(caseId).get("acknowledgedAt").isNull()).isFalse();
    browser.screenshots("case-link-acknowledged");
  }

  @Test
  void aResolvedCaseAsksForTheRatingAndOnceRatedThanksWithTheScore() {
    Owner dana = owner("Dana", "Bedroom AC", "en", "UTC");
    long caseId = open(dana, Duration.ofHours(30));
    String link = linkInSmsTo(dana);
    actors.agent().postForEntity("/api/cases/" + caseId + "/resolve", null, String.class);

    browser.open(link);
    assertThat(browser.text()).contains("How did we do?").doesNotContain("Thank you");
    assertThat(browser.all("form[data-action=feedback] button[data-score]")).hasSize(5);
    browser.screenshots("case-link-rating");
    browser.click("button[data-score='4']");

    assertThat(browser.find("[data-done=feedback]").getText())
        .isEqualTo("Thank you for your feedback: 4/5");
    assertThat(browser.all("button[data-score]")).isEmpty();
    assertThat(api.theCase(caseId).get("satisfaction").asInt()).isEqualTo(4);

    // The account page asks the same question of a resolved, unrated case.
    long second = open(dana, Duration.ofHours(30), "Porch AC");
    actors.agent().postForEntity("/api/cases/" + second + "/resolve", null, String.class);
    signIn(dana);
    String rated = "#case-" + caseId;
    String unrated = "#case-" + second;
    assertThat(browser.find(rated).getText()).contains("Thank you for your feedback: 4/5");
    assertThat(browser.find(unrated).getText()).contains("How did we do?");
    browser.click(unrated + " button[data-score='5']");
    assertThat(browser.find(unrated + " [data-done=feedback]").getText())
        .isEqualTo("Thank you for your feedback: 5/5");
    assertThat(api.theCase(second).get("satisfaction").asInt()).isEqualTo(5);
  }

  @Test
  void aSecondCustomersLinkAndIdsShowNothingOfTheFirst() {
    Owner dana = owner("Dana", "Dana's garage AC", "en", "UTC");
    long danasCase = open(dana, Duration.ofHours(5));
    Owner eli = owner("Eli", "Eli's office AC", "en", "UTC");
    long elisCase = open(eli, Duration.ofHours(7));
    String elisLink = linkInSmsTo(eli);

    browser.open(elisLink);
    assertThat(browser.text()).contains("Eli's office AC").doesNotContain("Dana");
    assertThat(browser.all("article.case"))
        .singleElement()
        .satisfies(a -> assertThat(a.getAttribute("data-case")).isEqualTo("" + elisCase));

    String token = elisLink.substring(elisLink.lastIndexOf('/') + 1);
    String[] parts = token.split("\\.");
    browser.open(BASE + "/c/" + danasCase + "." + parts[1] + "." + parts[2] + "." + parts[3]);
    assertThat(browser.text()).isEqualTo("This link is not valid.");

    signIn(eli);
    assertThat(browser.url()).endsWith("/me");
    assertThat(browser.text()).contains("Hello Eli", "Eli's office AC").doesNotContain("Dana");
    browser.screenshots("account");

    browser.open(BASE + "/api/me/cases/" + danasCase);
    assertThat(browser.text()).contains("no case " + danasCase);
    browser.open(BASE + "/api/me/devices/" + dana.device());
    assertThat(browser.text()).contains("no device");
    browser.open(BASE + "/me");
    Object answered =
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const csrf = document.querySelector('input[name=_csrf]').value;"
                    + "fetch('/me/cases/"
                    + danasCase
                    + "/book', {method: 'POST', redirect: 'manual',"
                    + " headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                    + " body: '_csrf=' + encodeURIComponent(csrf)}).then(r => done(r.status));");
    assertThat(((Number) answered).intValue()).isEqualTo(404);
    assertThat(api.timelineKinds(danasCase)).doesNotContain("BOOKED", "ACKNOWLEDGED");
  }

  @Test
  void aKoreanCustomerSeesKoreanAndMaySwitchToEnglish() {
    Owner minjun = owner("민준", "거실 에어컨", "ko", "Asia/Seoul");
    open(minjun, Duration.ofHours(5));
    String sms = smsTo(minjun).get(0);
    String link = linkIn(sms);

    browser.open(link);
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("ko");
    assertThat(browser.text())
        .contains("거실 에어컨", "곧 점검이 필요합니다", "현재 상황")
        .contains("압축기가 과열되고 있습니다: 86 °C, 기준 85 °C")
        .contains("약 5시간 안에 고장 날 수 있습니다")
        .contains("기기 기준", "감지: 2026년 11월 22일 19:02", "Forewarn 기준")
        .contains("확인했습니다", "기사 방문 예약", "나중에 다시 알림")
        .doesNotContain("Needs attention", "compressor_temp_c");
    assertThat(sms).contains("압축기가 과열되고 있습니다: 86 °C, 기준 85 °C");
    browser.screenshots("case-link-korean");

    browser.click("a[data-lang=en]");
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
    assertThat(browser.text()).contains("Needs attention soon", "The compressor is running hot");
    browser.open(link);
    assertThat(browser.text()).as("the switch is remembered").contains("Needs attention soon");
  }

  @Test
  void theAccountPageShowsTheInboxLiveAndIsKoreanForAKoreanCustomer() {
    Owner jiwoo = owner("지우", "서재 에어컨", "ko", "Asia/Seoul");
    actors
        .manager()
        .postForEntity(
            "/api/customers/" + jiwoo.id() + "/contact-points",
            Map.of("channel", "app", "address", "inst-" + jiwoo.device(), "platform", "web"),
            JsonNode.class);
    api.preferences(jiwoo.id(), Map.of("channelOrder", Map.of("WARNING", List.of("app", "sms"))));
    signIn(jiwoo);
    assertThat(browser.text()).contains("지우님, 안녕하세요", "내 기기", "정상 작동 중", "연락 방법");
    browser.waitUntil(d -> "open".equals(browser.find("ol.inbox").getAttribute("data-live")));

    open(jiwoo, Duration.ofHours(5));

    browser.waitUntil(d -> !browser.all("ol.inbox li").isEmpty());
    assertThat(browser.find("ol.inbox li").getText()).contains("서재 에어컨");
    browser.open(BASE + "/me");
    assertThat(browser.text()).contains("곧 점검이 필요합니다", "압축기가 과열되고 있습니다");
    browser.screenshots("account-korean");
  }

  // --- helpers -------------------------------------------------------------------------------

  record Owner(long id, String phone, String device) {}

  private Owner owner(String name, String nickname, String locale, String zone) {
    String phone = "+1555" + String.format("%07d", NEXT.incrementAndGet() * 7 % 10_000_000);
    String device = "ac-page-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> customer = new HashMap<>();
    customer.put("name", name);
    customer.put("phone", phone);
    customer.put("locale", locale);
    customer.put("timeZone", zone);
    long id = api.post("/api/customers", customer, 201).get("id").asLong();
    api.device(device, id, nickname);
    return new Owner(id, phone, device);
  }

  /** An overheating compressor, as the rule above decides it, with a forecast ETA. */
  private long open(Owner owner, Duration etaIn) {
    return open(owner, etaIn, null);
  }

  /** The same on another device of the owner's, when a nickname is given. */
  private long open(Owner owner, Duration etaIn, String anotherDevice) {
    String device = owner.device();
    if (anotherDevice != null) {
      device = "ac-page-" + UUID.randomUUID().toString().substring(0, 8);
      api.device(device, owner.id(), anotherDevice);
    }
    Instant at = T0.plus(Duration.ofMinutes(2));
    Instant eta = Instant.now().plus(etaIn).plusSeconds(120);
    Map<String, Double> evidence = new HashMap<>();
    evidence.put("value", 86.02);
    evidence.put("level", 85.0);
    evidence.put("clear_level", 80.0);
    evidence.put("eta_seconds", (double) Duration.between(at, eta).toSeconds());
    CaseEvent event =
        CaseEvent.of(
            device,
            new Decision(
                Decision.Kind.OPEN,
                "compressor-overheat",
                1,
                Severity.WARNING,
                at,
                T0,
                evidence,
                "compressor_temp_c above 85.0 for 2m (now 86.4)",
                Optional.of(eta),
                OptionalDouble.of(0.9)));
    new CaseEvents(jdbc).insert(event);
    return api.awaitCase(device, c -> true).get("id").asLong();
  }

  /** The SMS the stand-in received, once the service has recorded the first one as sent. */
  private List<String> smsTo(Owner owner) {
    api.awaitCase(owner.device(), c -> OutreachClient.sent(c, "sms", "opened"));
    return await()
        .atMost(OutreachClient.WAIT)
        .until(
            () -> TWILIO.requestsTo(owner.phone()).stream().map(r -> r.get("Body")).toList(),
            bodies -> !bodies.isEmpty());
  }

  private String linkInSmsTo(Owner owner) {
    return linkIn(smsTo(owner).get(0));
  }

  private static String linkIn(String sms) {
    Matcher link = LINK.matcher(sms);
    assertThat(link.find()).as("a link in %s", sms).isTrue();
    return link.group();
  }

  /** Signs in at /me/sign-in with the code the Twilio stand-in received, as the customer would. */
  private void signIn(Owner owner) {
    int before = TWILIO.requestsTo(owner.phone()).size();
    browser.open(BASE + "/me/sign-in");
    browser.find("input[name=address]").sendKeys(owner.phone());
    browser.click("form[action='/me/sign-in/code'] button");
    String code =
        await()
            .atMost(OutreachClient.WAIT)
            .until(
                () ->
                    TWILIO.requestsTo(owner.phone()).stream()
                        .skip(before)
                        .map(r -> CODE.matcher(r.get("Body")))
                        .filter(Matcher::find)
                        .map(m -> m.group(1))
                        .findFirst()
                        .orElse(null),
                c -> c != null);
    browser.find("input[name=code]").sendKeys(code);
    browser.click("form[action='/me/sign-in'] button");
  }

  private List<JsonNode> timeline(long caseId) {
    List<JsonNode> entries = new java.util.ArrayList<>();
    api.get("/api/cases/" + caseId + "/timeline").forEach(entries::add);
    return entries;
  }
}
