package dev.forewarn.outreach;

import static dev.forewarn.outreach.OutreachClient.WAIT;
import static dev.forewarn.outreach.OutreachClient.notification;
import static dev.forewarn.outreach.OutreachClient.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.security.RequestValidator;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Twilio webhooks captured and sent again: the very same signed request (a replay by Twilio or by
 * someone who recorded it) has no second effect, and the signed request with anything in its form
 * or URL changed is refused with 403 and changes nothing. Every signature sent as genuine is first
 * checked with the Twilio SDK's own {@link RequestValidator}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class WebhookReplayIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final AtomicInteger NEXT = new AtomicInteger(1000 + (int) (Math.random() * 8000));
  static final String INBOUND = "/webhooks/twilio/inbound";
  static final RequestValidator SDK = new RequestValidator(TwilioStandIn.AUTH_TOKEN);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    TWILIO.register(registry);
    registry.add("forewarn.outreach.public-url", () -> TwilioWebhooks.PUBLIC_URL);
  }

  @AfterAll
  static void stopStandIn() {
    TWILIO.stop();
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;
  OutreachClient api;
  TwilioWebhooks twilio;
  CaseEvents events;

  @BeforeEach
  void fresh() {
    TWILIO.reset();
    api = new OutreachClient(actors.manager());
    twilio = new TwilioWebhooks(port);
    events = new CaseEvents(jdbc);
  }

  @Test
  void aReplayedInboundSmsIsAnsweredEmptyAndActsOnce() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-replay-" + n;
    String phone = "+1415555" + n;
    api.owner("Ira", phone, null, device, "Attic AC");
    events.insert(CaseEvents.opened(device));
    long caseId = api.awaitCase(device, c -> sent(c, "sms", "opened")).get("id").asLong();
    Map<String, String> book = inbound("SMbook" + n, phone, "1");
    String signature = genuine(INBOUND, book);

    HttpResponse<String> first = twilio.post(INBOUND, book, signature);
    HttpResponse<String> replayed = twilio.post(INBOUND, book, signature);
    HttpResponse<String> replayedAgain = twilio.post(INBOUND, book, signature);

    assertThat(first.body()).contains("an agent will contact you");
    assertThat(List.of(replayed, replayedAgain))
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).isEqualTo(200);
              assertThat(r.body()).isEqualTo(emptyTwiml());
            });
    assertThat(countBookings(caseId)).isEqualTo(1);
    assertThat(api.timelineKinds(caseId)).containsOnlyOnce("REPLY", "BOOKED", "ANSWERED");
    assertThat(rows("SMbook" + n)).isEqualTo(1);
  }

  @Test
  void aStopReplayedAfterStartDoesNotOptTheNumberOutAgain() throws Exception {
    int n = NEXT.incrementAndGet();
    String phone = "+1415556" + n;
    long customer = api.owner("Jo", phone, null, "ac-restart-" + n, "Garage AC");
    Map<String, String> stop = inbound("SMstop" + n, phone, "STOP");
    String stopSignature = genuine(INBOUND, stop);

    twilio.post(INBOUND, stop, stopSignature);
    boolean stoppedAfterStop = stopped(customer);
    twilio.inbound("SMstart" + n, phone, "START");
    HttpResponse<String> replayedStop = twilio.post(INBOUND, stop, stopSignature);

    assertThat(stoppedAfterStop).isTrue();
    assertThat(replayedStop.statusCode()).isEqualTo(200);
    assertThat(stopped(customer)).isFalse();
    assertThat(rows("SMstop" + n)).isEqualTo(1);
  }

  @Test
  void aReplayedStatusCallbackMovesNothingTwice() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-status-" + n;
    String phone = "+1415557" + n;
    api.owner("Kai", phone, null, device, "Loft AC");
    events.insert(CaseEvents.opened(device));
    long caseId = api.awaitCase(device, c -> sent(c, "sms", "opened")).get("id").asLong();
    String path = callbackPath(phone);
    String sid = sid(phone);
    Map<String, String> sentReport = status(sid, "sent");
    Map<String, String> undelivered = status(sid, "undelivered");
    String sentSignature = genuine(path, sentReport);
    String undeliveredSignature = genuine(path, undelivered);

    twilio.post(path, sentReport, sentSignature);
    twilio.post(path, undelivered, undeliveredSignature);
    JsonNode moved = api.awaitCase(device, c -> c.get("problem").isTextual());
    List<Integer> replays =
        List.of(
            twilio.post(path, undelivered, undeliveredSignature).statusCode(),
            twilio.post(path, sentReport, sentSignature).statusCode(),
            twilio.post(path, undelivered, undeliveredSignature).statusCode());
    Thread.sleep(500);

    assertThat(replays).containsOnly(200);
    JsonNode theCase = api.theCase(caseId);
    assertThat(notification(theCase, "sms", "opened").get("delivery").asText())
        .isEqualTo("undelivered");
    assertThat(theCase.get("problem")).isEqualTo(moved.get("problem"));
    List<String> kinds = api.timelineKinds(caseId);
    assertThat(kinds.stream().filter("DELIVERY"::equals)).hasSize(2);
    assertThat(kinds).containsOnlyOnce("MESSAGE_FAILED", "ESCALATED");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM agent_tasks WHERE case_id = ?", Long.class, caseId))
        .isEqualTo(1);
  }

  @Test
  void aSignedRequestWithAnythingChangedIsRefusedWith403AndChangesNothing() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-tamper-" + n;
    String phone = "+1415558" + n;
    long customer = api.owner("Lee", phone, null, device, "Den AC");
    api.device("ac-tamper-b-" + n, customer, "Porch AC");
    events.insert(CaseEvents.opened(device));
    long caseId = api.awaitCase(device, c -> sent(c, "sms", "opened")).get("id").asLong();
    Map<String, String> ack = inbound("SMack" + n, phone, "ACK");
    String ackSignature = genuine(INBOUND, ack);
    String path = callbackPath(phone);
    Map<String, String> delivered = status(sid(phone), "delivered");
    String deliveredSignature = genuine(path, delivered);
    String otherRef = path.replaceAll("ref=[^&]+", "ref=case-" + caseId + "-opened-email-1");

    List<Integer> answers =
        List.of(
            twilio.post(INBOUND, with(ack, "Body", "STOP"), ackSignature).statusCode(),
            twilio.post(INBOUND, with(ack, "From", "+14155550199"), ackSignature).statusCode(),
            twilio.post(INBOUND, with(ack, "MessageSid", "SMother" + n), ackSignature).statusCode(),
            twilio.post(INBOUND, with(ack, "Extra", "1"), ackSignature).statusCode(),
            twilio.post(INBOUND, without(ack, "To"), ackSignature).statusCode(),
            twilio
                .post(path, with(delivered, "MessageStatus", "failed"), deliveredSignature)
                .statusCode(),
            twilio.post(otherRef, delivered, deliveredSignature).statusCode(),
            twilio.post(path + "&x=1", delivered, deliveredSignature).statusCode());
    Thread.sleep(500);

    assertThat(answers).containsOnly(403);
    JsonNode theCase = api.theCase(caseId);
    assertThat(theCase.get("acknowledgedAt").isNull()).isTrue();
    assertThat(notification(theCase, "sms", "opened").get("delivery").isNull()).isTrue();
    assertThat(theCase.get("notifications")).hasSize(1);
    assertThat(stopped(customer)).isFalse();
    assertThat(api.timelineKinds(caseId)).doesNotContain("REPLY", "DELIVERY", "ACKNOWLEDGED");
    assertThat(rows("SMack" + n) + rows("SMother" + n)).isZero();

    HttpResponse<String> original = twilio.post(INBOUND, ack, ackSignature);
    assertThat(original.statusCode()).isEqualTo(200);
    assertThat(api.theCase(caseId).get("acknowledgedAt").isTextual()).isTrue();
  }

  // --- helpers -------------------------------------------------------------------------------

  /** Signs a request as Twilio does and checks that the Twilio SDK accepts the signature. */
  private static String genuine(String pathAndQuery, Map<String, String> form) {
    String url = TwilioWebhooks.PUBLIC_URL + pathAndQuery;
    String signature = TwilioWebhooks.sign(url, form, TwilioStandIn.AUTH_TOKEN);
    assertThat(SDK.validate(url, form, signature)).as("the SDK accepts %s", url).isTrue();
    return signature;
  }

  private static Map<String, String> inbound(String sid, String from, String body) {
    return Map.of(
        "MessageSid", sid,
        "From", from,
        "To", TwilioStandIn.FROM,
        "Body", body,
        "AccountSid", TwilioStandIn.ACCOUNT_SID);
  }

  private static Map<String, String> status(String sid, String state) {
    return Map.of(
        "MessageSid", sid,
        "SmsSid", sid,
        "MessageStatus", state,
        "AccountSid", TwilioStandIn.ACCOUNT_SID,
        "From", TwilioStandIn.FROM);
  }

  private static Map<String, String> with(Map<String, String> form, String key, String value) {
    Map<String, String> changed = new HashMap<>(form);
    changed.put(key, value);
    return changed;
  }

  private static Map<String, String> without(Map<String, String> form, String key) {
    Map<String, String> changed = new HashMap<>(form);
    changed.remove(key);
    return changed;
  }

  private static String emptyTwiml() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
  }

  private String callbackPath(String phone) {
    await().atMost(WAIT).until(() -> !TWILIO.requestsTo(phone).isEmpty());
    return TWILIO
        .requestsTo(phone)
        .get(0)
        .get("StatusCallback")
        .substring(TwilioWebhooks.PUBLIC_URL.length());
  }

  private String sid(String phone) throws Exception {
    return json.readTree(TWILIO.sentTo(phone).get(0).getResponse().getBodyAsString())
        .get("sid")
        .asText();
  }

  private boolean stopped(long customer) {
    return api.get("/api/customers/" + customer + "/preferences").has("stoppedAt");
  }

  private long countBookings(long caseId) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM agent_tasks WHERE case_id = ? AND kind = 'BOOKING'",
        Long.class,
        caseId);
  }

  private long rows(String sid) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM inbound_messages WHERE message_sid = ?", Long.class, sid);
  }
}
