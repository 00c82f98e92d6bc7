package dev.forewarn.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.forewarn.outreach.Actors;
import dev.forewarn.outreach.Browser;
import dev.forewarn.outreach.OutreachClient;
import dev.forewarn.outreach.TestSchema;
import dev.forewarn.outreach.TwilioStandIn;
import dev.forewarn.outreach.TwilioWebhooks;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
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
 * A customer signs in with a one-time code sent through the outbox to one of their own contact
 * points, by SMS (the Twilio SDK against its stand-in) or email (GreenMail), as a browser does.
 * Wrong, expired and reused codes are refused, codes are rate limited and stored hashed, and nobody
 * learns from the page whether an address is a customer's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class CustomerSignInIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  static final AtomicInteger NEXT = new AtomicInteger(1000 + (int) (Math.random() * 8000));
  static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");
  static final Duration WAIT = Duration.ofSeconds(20);

  static {
    SMTP.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    TWILIO.register(registry);
    // Twilio is configured: the service needs the URL its webhooks are signed for.
    registry.add("forewarn.outreach.public-url", () -> TwilioWebhooks.PUBLIC_URL);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
  }

  @AfterAll
  static void stopStandIns() {
    TWILIO.stop();
    SMTP.stop();
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;
  OutreachClient api;

  @BeforeEach
  void asManager() {
    api = new OutreachClient(actors.manager());
  }

  @Test
  void aCustomerSignsInWithACodeBySmsAndSeesTheirOwnAccount() {
    Customer eun = customer("Eun-ji");
    Browser browser = new Browser(actors.baseUrl());
    assertThat(browser.get("/me").headers().firstValue("Location").orElseThrow())
        .endsWith("/me/sign-in");

    String code = requestCodeBySms(browser, eun.phone());
    HttpResponse<String> signedIn =
        browser.submit("/me/sign-in", Map.of("address", eun.phone(), "code", code));

    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/me");
    assertThat(browser.get("/me").body()).contains("Hello Eun-ji", eun.nickname(), "Sign out");
    HttpResponse<String> me = browser.json("GET", "/api/me", null, false);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"id\":" + eun.id());
    // A customer's session opens no page of the staff console.
    for (String page : List.of("/", "/console/cases", "/console/rules/new", "/console/devices")) {
      assertThat(browser.get(page).statusCode()).as(page).isEqualTo(403);
    }
    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT case_id, status, proactive FROM outbox WHERE step = 'sign-in-code'"
                + " AND recipient = ?",
            eun.phone());
    assertThat(row).containsEntry("status", "SENT").containsEntry("proactive", false);
    assertThat(row.get("case_id")).isNull();
    assertThat(jdbc.queryForList("SELECT code_hash FROM sign_in_codes", String.class))
        .allMatch(h -> h == null || h.startsWith("{bcrypt}"))
        .noneMatch(h -> h != null && h.contains(code));

    HttpResponse<String> noCsrf = browser.json("PUT", "/api/me/preferences", "{}", false);
    browser.get("/me");
    HttpResponse<String> withCsrf =
        browser.json("PUT", "/api/me/preferences", "{\"locale\":\"ko\"}", true);
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(withCsrf.statusCode()).as(withCsrf.body()).isEqualTo(200);
    assertThat(withCsrf.body()).contains("\"locale\":\"ko\"");

    HttpResponse<String> out = browser.submit("/me/sign-out", Map.of());
    assertThat(out.headers().firstValue("Location").orElseThrow()).contains("/me/sign-in");
    assertThat(browser.json("GET", "/api/me", null, false).statusCode()).isEqualTo(401);
  }

  @Test
  void aCodeByEmailSignsInOnceAndNotAgain() throws Exception {
    Customer min = customer("Min");
    Browser first = new Browser(actors.baseUrl());
    first.get("/me/sign-in");
    first.submit("/me/sign-in/code", Map.of("address", "  " + min.email().toUpperCase() + " "));
    MimeMessage mail = await().atMost(WAIT).until(() -> mailTo(min.email()), m -> m != null);
    String code = code(GreenMailUtil.getBody(mail));
    assertThat(mail.getSubject()).isEqualTo("Your Forewarn sign-in code");

    HttpResponse<String> used =
        first.submit("/me/sign-in", Map.of("address", min.email(), "code", code));
    Browser second = new Browser(actors.baseUrl());
    second.get("/me/sign-in");
    HttpResponse<String> reused =
        second.submit("/me/sign-in", Map.of("address", min.email(), "code", code));

    assertThat(used.headers().firstValue("Location").orElseThrow()).endsWith("/me");
    assertThat(reused.headers().firstValue("Location").orElseThrow()).endsWith("/me/sign-in?error");
    assertThat(second.json("GET", "/api/me", null, false).statusCode()).isEqualTo(401);
  }

  @Test
  void wrongCodesAreRefusedAndTooManyOfThemSpendTheCode() {
    Customer jae = customer("Jae");
    Browser browser = new Browser(actors.baseUrl());
    String code = requestCodeBySms(browser, jae.phone());
    String wrong = code.equals("000000") ? "111111" : "000000";

    HttpResponse<String> once =
        browser.submit("/me/sign-in", Map.of("address", jae.phone(), "code", wrong));
    assertThat(once.headers().firstValue("Location").orElseThrow()).endsWith("/me/sign-in?error");
    assertThat(browser.get("/me/sign-in?error").body()).contains("The code is wrong");
    for (int i = 0; i < 4; i++) {
      browser.submit("/me/sign-in", Map.of("address", jae.phone(), "code", wrong));
    }
    HttpResponse<String> right =
        browser.submit("/me/sign-in", Map.of("address", jae.phone(), "code", code));

    assertThat(right.headers().firstValue("Location").orElseThrow()).endsWith("/me/sign-in?error");
  }

  @Test
  void anExpiredCodeIsRefused() {
    Customer hana = customer("Hana");
    Browser browser = new Browser(actors.baseUrl());
    String code = requestCodeBySms(browser, hana.phone());
    jdbc.update(
        "UPDATE sign_in_codes SET expires_at = now() - interval '1 second' WHERE address = ?",
        hana.phone());

    HttpResponse<String> late =
        browser.submit("/me/sign-in", Map.of("address", hana.phone(), "code", code));

    assertThat(late.headers().firstValue("Location").orElseThrow()).endsWith("/me/sign-in?error");
  }

  @Test
  void codesAreLimitedPerAddressAndAnUnknownAddressGetsTheSameAnswer() {
    Customer sol = customer("Sol");
    String stranger = "+1555" + (2_000_000 + NEXT.incrementAndGet());
    Browser browser = new Browser(actors.baseUrl());
    browser.get("/me/sign-in");

    HttpResponse<String> unknown = browser.submit("/me/sign-in/code", Map.of("address", stranger));
    List<Integer> statuses =
        Arrays.asList(
            request(browser, sol.phone()),
            request(browser, sol.phone()),
            request(browser, sol.phone()),
            request(browser, sol.phone()));

    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(unknown.body()).contains("a code is on its way");
    assertThat(TWILIO.requestsTo(stranger)).isEmpty();
    assertThat(statuses).containsExactly(200, 200, 200, 429);
    assertThat(browser.get("/me/sign-in").statusCode()).isEqualTo(200);
    HttpResponse<String> limited =
        browser.submit("/me/sign-in/code", Map.of("address", sol.phone()));
    assertThat(limited.body()).contains("Too many codes");
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(browser.submit("/me/sign-in/code", Map.of("address", "not an address")).statusCode())
        .isEqualTo(400);
  }

  @Test
  void askingForACodeWithoutTheFormsCsrfTokenIs403() {
    Customer ara = customer("Ara");
    Browser browser = new Browser(actors.baseUrl());

    HttpResponse<String> forged =
        browser.postForm("/me/sign-in/code", Map.of("address", ara.phone()));

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM sign_in_codes WHERE address = ?", Long.class, ara.phone()))
        .isZero();
  }

  private int request(Browser browser, String address) {
    browser.get("/me/sign-in");
    return browser.submit("/me/sign-in/code", Map.of("address", address)).statusCode();
  }

  private String requestCodeBySms(Browser browser, String phone) {
    browser.get("/me/sign-in");
    HttpResponse<String> asked = browser.submit("/me/sign-in/code", Map.of("address", phone));
    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(asked.body()).contains("a code is on its way");
    Map<String, String> sms =
        await().atMost(WAIT).until(() -> TWILIO.requestsTo(phone), r -> !r.isEmpty()).get(0);
    assertThat(sms.get("Body")).startsWith("Forewarn: your sign-in code is ");
    return code(sms.get("Body"));
  }

  private static String code(String text) {
    Matcher found = CODE.matcher(text);
    assertThat(found.find()).as(text).isTrue();
    return found.group(1);
  }

  private static MimeMessage mailTo(String address) throws Exception {
    for (MimeMessage message : SMTP.getReceivedMessages()) {
      if (message.getAllRecipients()[0].toString().equals(address)) {
        return message;
      }
    }
    return null;
  }

  private Customer customer(String name) {
    int n = NEXT.incrementAndGet();
    String phone = "+1555" + (1_000_000 + n);
    String email = name.toLowerCase() + n + "@example.com";
    String device = "ac-signin-" + n;
    long id = api.owner(name, phone, email, device, name + " AC");
    return new Customer(id, phone, email, name + " AC");
  }

  record Customer(long id, String phone, String email, String nickname) {}
}
