package dev.forewarn.outreach;

import static dev.forewarn.outreach.OutreachClient.WAIT;
import static dev.forewarn.outreach.OutreachClient.notification;
import static dev.forewarn.outreach.OutreachClient.sent;
import static dev.forewarn.outreach.OutreachClient.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The two-way case thread: Twilio status callbacks and inbound SMS, signed as Twilio signs them,
 * acting on cases, with the Twilio SDK against the stand-in, GreenMail and the real PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class ConversationIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  static final AtomicInteger NEXT = new AtomicInteger(1000 + (int) (Math.random() * 8000));

  static {
    SMTP.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    TWILIO.register(registry);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("forewarn.outreach.public-url", () -> TwilioWebhooks.PUBLIC_URL);
    registry.add("forewarn.outbox.backoff", () -> "200ms");
  }

  @AfterAll
  static void stopStandIns() {
    TWILIO.stop();
    SMTP.stop();
  }

  @Autowired Actors actors;
  TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;
  OutreachClient api;
  TwilioWebhooks twilio;
  CaseEvents events;

  @BeforeEach
  void fresh() throws Exception {
    http = actors.manager();
    TWILIO.reset();
    SMTP.purgeEmailFromAllMailboxes();
    api = new OutreachClient(http);
    twilio = new TwilioWebhooks(port);
    events = new CaseEvents(jdbc);
  }

  @Test
  void happyPathThreadFromOpeningToAllClearIsOneOrderedTimeline() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-happy-" + n;
    String phone = "+1415555" + n;
    api.owner("Jane", phone, "jane" + n + "@example.com", device, "Living room AC");
    events.insert(CaseEvents.opened(device));
    long caseId = api.awaitCase(device, c -> sent(c, "sms", "opened")).get("id").asLong();

    assertThat(twilio.status(callbackUrl(phone, 0), sid(phone, 0), "sent").statusCode())
        .isEqualTo(200);
    assertThat(twilio.status(callbackUrl(phone, 0), sid(phone, 0), "delivered").statusCode())
        .isEqualTo(200);
    HttpResponse<String> ack = twilio.inbound("SMack" + n, phone, "ACK");
    events.insert(CaseEvents.cleared(device));

    JsonNode theCase = api.awaitCase(device, c -> sent(c, "sms", "all-clear"));
    assertThat(ack.body()).contains("<Message>Forewarn: thank you, we have noted");
    assertThat(notification(theCase, "sms", "opened").get("delivery").asText())
        .isEqualTo("delivered");
    assertThat(theCase.get("acknowledgedAt").isTextual()).isTrue();
    assertThat(TWILIO.requestsTo(phone).get(1).get("Body")).startsWith("Forewarn: All clear.");
    assertThat(mailsTo("jane" + n + "@example.com")).isEmpty();
    assertThat(api.timelineKinds(caseId))
        .containsExactly(
            "OPENED",
            "MESSAGE_QUEUED",
            "MESSAGE_SENT",
            "DELIVERY",
            "DELIVERY",
            "REPLY",
            "ACKNOWLEDGED",
            "ANSWERED",
            "CLEARED",
            "MESSAGE_QUEUED",
            "MESSAGE_SENT");
  }

  @Test
  void undeliveredSmsMovesToEmailAtOnceAndLateReportsNeverMoveStateBack() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-undelivered-" + n;
    String phone = "+1415555" + n;
    String email = "ana" + n + "@example.com";
    api.owner("Ana", phone, email, device, "Hall heat pump");
    events.insert(CaseEvents.opened(device));
    api.awaitCase(device, c -> sent(c, "sms", "opened"));

    twilio.status(callbackUrl(phone, 0), sid(phone, 0), "undelivered");
    JsonNode theCase = api.awaitCase(device, c -> sent(c, "email", "opened"));
    twilio.status(callbackUrl(phone, 0), sid(phone, 0), "sent");

    assertThat(mailsTo(email)).hasSize(1);
    JsonNode sms = notification(api.theCase(theCase.get("id").asLong()), "sms", "opened");
    assertThat(sms.get("delivery").asText()).isEqualTo("undelivered");
    assertThat(api.timelineKinds(theCase.get("id").asLong()))
        .containsSubsequence("DELIVERY", "MESSAGE_FAILED", "FALLBACK", "MESSAGE_SENT")
        .containsOnlyOnce("FALLBACK");
  }

  @Test
  void forgedTamperedUnsignedOrMisaddressedWebhooksGet403AndChangeNothing() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-forged-" + n;
    String phone = "+1415555" + n;
    String email = "eve" + n + "@example.com";
    long customer = api.owner("Eve", phone, email, device, null);
    events.insert(CaseEvents.opened(device));
    long caseId = api.awaitCase(device, c -> sent(c, "sms", "opened")).get("id").asLong();
    String path = callbackUrl(phone, 0).substring(TwilioWebhooks.PUBLIC_URL.length());
    Map<String, String> undelivered =
        Map.of("MessageSid", sid(phone, 0), "MessageStatus", "undelivered");
    Map<String, String> delivered =
        Map.of("MessageSid", sid(phone, 0), "MessageStatus", "delivered");
    Map<String, String> stop = Map.of("MessageSid", "SMstop" + n, "From", phone, "Body", "STOP");

    List<Integer> answers =
        List.of(
            twilio.post(path, undelivered, null).statusCode(),
            twilio
                .post(
                    path,
                    undelivered,
                    TwilioWebhooks.sign(TwilioWebhooks.PUBLIC_URL + path, undelivered, "wrong"))
                .statusCode(),
            twilio
                .post(
                    path,
                    undelivered,
                    TwilioWebhooks.sign(
                        TwilioWebhooks.PUBLIC_URL + path, delivered, TwilioStandIn.AUTH_TOKEN))
                .statusCode(),
            twilio
                .post(
                    path,
                    undelivered,
                    TwilioWebhooks.sign(
                        "http://127.0.0.1:" + port + path, undelivered, TwilioStandIn.AUTH_TOKEN))
                .statusCode(),
            twilio.post("/webhooks/twilio/inbound", stop, "forged").statusCode());

    assertThat(answers).containsOnly(403);
    Thread.sleep(500);
    JsonNode theCase = api.theCase(caseId);
    assertThat(notification(theCase, "sms", "opened").get("delivery").isNull()).isTrue();
    assertThat(theCase.get("notifications")).hasSize(1);
    assertThat(mailsTo(email)).isEmpty();
    assertThat(api.get("/api/customers/" + customer + "/preferences").has("stoppedAt")).isFalse();
    assertThat(api.timelineKinds(caseId)).doesNotContain("DELIVERY", "REPLY", "STOPPED");
  }

  @Test
  void stopBySmsStopsEmailTooUntilStart() throws Exception {
    int n = NEXT.incrementAndGet();
    String phone = "+1415555" + n;
    String email = "sam" + n + "@example.com";
    long customer = api.owner("Sam", phone, email, "ac-stop-a-" + n, "Office AC");
    api.device("ac-stop-b-" + n, customer, "Server room AC");
    api.device("ac-stop-c-" + n, customer, "Lobby AC");
    events.insert(CaseEvents.opened("ac-stop-a-" + n));
    long first = api.awaitCase("ac-stop-a-" + n, c -> sent(c, "sms", "opened")).get("id").asLong();

    HttpResponse<String> stop = twilio.inbound("SMstop" + n, phone, "STOP");
    twilio.status(callbackUrl(phone, 0), sid(phone, 0), "undelivered");
    events.insert(CaseEvents.opened("ac-stop-b-" + n));

    assertThat(stop.statusCode()).isEqualTo(200);
    assertThat(stop.body()).doesNotContain("<Message>");
    JsonNode firstCase =
        api.awaitCase("ac-stop-a-" + n, c -> "CANCELLED".equals(status(c, "email", "opened")));
    assertThat(notification(firstCase, "email", "opened").get("lastError").asText())
        .contains("STOP");
    JsonNode second = api.awaitCase("ac-stop-b-" + n, c -> c.get("problem").isTextual());
    assertThat(second.get("notifications")).isEmpty();
    assertThat(second.get("problem").asText()).contains("STOP");
    assertThat(mailsTo(email)).isEmpty();
    assertThat(TWILIO.requestsTo(phone)).hasSize(1);
    assertThat(api.timelineKinds(first)).contains("STOPPED");

    HttpResponse<String> start = twilio.inbound("SMstart" + n, phone, "START");
    events.insert(CaseEvents.opened("ac-stop-c-" + n));

    assertThat(start.body()).contains("you will receive our messages again");
    api.awaitCase("ac-stop-c-" + n, c -> sent(c, "sms", "opened"));
    assertThat(TWILIO.requestsTo(phone)).hasSize(2);
  }

  @Test
  void aFloodFromOneNumberIsCutOffAfterTwentyMessagesButStopStillWorks() throws Exception {
    int n = NEXT.incrementAndGet();
    String phone = "+1415556" + n;
    String other = "+1415557" + n;

    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      answers.add(twilio.inbound("SMflood" + n + "-" + i, phone, "HELP").body());
    }
    String otherHelp = twilio.inbound("SMflood-other" + n, other, "HELP").body();
    HttpResponse<String> stop = twilio.inbound("SMflood-stop" + n, phone, "STOP");

    assertThat(answers.subList(0, 20)).allSatisfy(a -> assertThat(a).contains("<Message>"));
    assertThat(answers.subList(20, 25)).allSatisfy(a -> assertThat(a).doesNotContain("<Message>"));
    assertThat(otherHelp).contains("<Message>");
    assertThat(stop.statusCode()).isEqualTo(200);
    List<String> actions =
        jdbc.queryForList(
            "SELECT action FROM inbound_messages WHERE from_number = ?", String.class, phone);
    assertThat(actions).hasSize(26).containsOnly("HELP", "RATE_LIMITED", "STOP");
    assertThat(actions).filteredOn("RATE_LIMITED"::equals).hasSize(5);
    assertThat(actions).filteredOn("STOP"::equals).hasSize(1);
  }

  @Test
  void repliesBookSnoozeAndAreKeptWhenNotUnderstoodEachHandledOnce() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-reply-" + n;
    String phone = "+1415555" + n;
    api.owner("Min-jun", phone, null, device, "Kitchen AC");
    events.insert(CaseEvents.opened(device));
    long caseId = api.awaitCase(device, c -> sent(c, "sms", "opened")).get("id").asLong();

    String help = twilio.inbound("SMh" + n, phone, "HELP").body();
    String unknown = twilio.inbound("SMu" + n, phone, "is it dangerous?").body();
    String snooze = twilio.inbound("SMs" + n, phone, "2").body();
    String book = twilio.inbound("SMb" + n, phone, "1").body();
    String bookAgain = twilio.inbound("SMb" + n, phone, "1").body();

    assertThat(help).contains("reply 1 to book a visit");
    assertThat(unknown).contains("we did not understand");
    assertThat(snooze).contains("we will remind you later");
    assertThat(book).contains("an agent will contact you");
    assertThat(bookAgain).doesNotContain("<Message>");
    JsonNode theCase = api.theCase(caseId);
    assertThat(theCase.get("acknowledgedAt").isTextual()).isTrue();
    JsonNode bookings = api.get("/api/agent-tasks");
    assertThat(bookings.toString()).contains("\"kind\":\"BOOKING\"");
    String timeline = api.timelineText(caseId);
    assertThat(timeline).contains("is it dangerous?", "SNOOZED", "BOOKED");
    assertThat(api.timelineKinds(caseId).stream().filter("REPLY"::equals)).hasSize(4);
  }

  @Test
  void resolutionSendsOneSurveyOnTheChannelThatWorkedAndTheScoreLandsOnTheCase() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-survey-" + n;
    String phone = "+1415555" + n;
    api.owner("Bo", phone, null, device, "Study AC");
    events.insert(CaseEvents.opened(device));
    long caseId = api.awaitCase(device, c -> sent(c, "sms", "opened")).get("id").asLong();

    api.post("/api/cases/" + caseId + "/resolve", null, 200);
    api.awaitCase(device, c -> sent(c, "sms", "survey"));
    String thanks = twilio.inbound("SMscore" + n, phone, "4").body();
    String again = twilio.inbound("SMscore2" + n, phone, "5").body();

    assertThat(TWILIO.requestsTo(phone).get(1).get("Body")).contains("How did we do?");
    assertThat(thanks).contains("thank you for your feedback");
    assertThat(again).contains("did not understand");
    JsonNode theCase = api.theCase(caseId);
    assertThat(theCase.get("status").asText()).isEqualTo("RESOLVED");
    assertThat(theCase.get("satisfaction").asInt()).isEqualTo(4);
    assertThat(api.timelineKinds(caseId))
        .containsSubsequence("RESOLVED", "MESSAGE_SENT", "FEEDBACK");
  }

  // --- helpers -------------------------------------------------------------------------------

  private String callbackUrl(String phone, int index) {
    await().atMost(WAIT).until(() -> TWILIO.requestsTo(phone).size() > index);
    return TWILIO.requestsTo(phone).get(index).get("StatusCallback");
  }

  private String sid(String phone, int index) throws Exception {
    return json.readTree(TWILIO.sentTo(phone).get(index).getResponse().getBodyAsString())
        .get("sid")
        .asText();
  }

  private static List<MimeMessage> mailsTo(String address) throws Exception {
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getAllRecipients())
                    .anyMatch(r -> r.toString().equals(address));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
