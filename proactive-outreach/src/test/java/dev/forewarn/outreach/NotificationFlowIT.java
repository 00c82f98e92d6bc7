package dev.forewarn.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.forewarn.outreach.cases.CaseIntake;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.Channels;
import dev.forewarn.outreach.outbox.NewOutboxMessage;
import dev.forewarn.outreach.outbox.OutboxDispatcher;
import dev.forewarn.outreach.outbox.OutboxProperties;
import dev.forewarn.outreach.outbox.OutboxRepository;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.lifecycle.Decision;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * From a case event row to the customer: intake, outbox, the Twilio SDK against a local stand-in
 * and SMTP against GreenMail, all on the real PostgreSQL. Polling is slowed to a minute, so only
 * LISTEN/NOTIFY and the retry schedule can make things happen within the waits below.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class NotificationFlowIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  static final AtomicInteger NEXT = new AtomicInteger(1000 + (int) (Math.random() * 8000));
  static final Duration WAIT = Duration.ofSeconds(20);

  static {
    SMTP.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    TWILIO.register(registry);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("forewarn.mail.from", () -> "care@forewarn.test");
    registry.add("forewarn.intake.poll-interval", () -> "1m");
    registry.add("forewarn.outbox.poll-interval", () -> "1m");
    registry.add("forewarn.outbox.backoff", () -> "200ms");
    registry.add("forewarn.outbox.max-backoff", () -> "1s");
    registry.add("forewarn.outreach.public-url", () -> TwilioWebhooks.PUBLIC_URL);
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
  @Autowired CaseIntake intake;
  @Autowired OutboxRepository outbox;
  @Autowired Channels channels;
  @Autowired OutboxProperties outboxProperties;
  @Autowired OutboxDispatcher dispatcher;
  CaseEvents events;

  @BeforeEach
  void freshStandIns() throws Exception {
    http = actors.manager();
    TWILIO.reset();
    SMTP.purgeEmailFromAllMailboxes();
    events = new CaseEvents(jdbc);
  }

  @Test
  void openedEventReachesTheOwnerBySmsFirstAndEmailOnlyWhenSmsFails() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-flow-" + n;
    String phone = "+1415555" + n;
    String email = "jane" + n + "@example.com";
    registerOwner("Jane", phone, email, device, "Living room AC");
    CaseEvent opened = CaseEvents.opened(device);

    events.insert(opened);

    JsonNode theCase = awaitCase(device, c -> allSent(c, 1));
    long caseId = theCase.get("id").asLong();
    List<Map<String, String>> sms = TWILIO.requestsTo(phone);
    assertThat(sms).hasSize(1);
    assertThat(sms.get(0))
        .containsEntry("To", phone)
        .containsEntry("From", TwilioStandIn.FROM)
        .containsEntry(
            "StatusCallback",
            TwilioWebhooks.PUBLIC_URL
                + "/webhooks/twilio/status?ref=case-"
                + caseId
                + "-opened-sms-0");
    assertThat(sms.get(0).get("Body"))
        .startsWith(
            "Forewarn: Hi Jane, Living room AC needs attention: the compressor is running hotter"
                + " than it should. Please book a service check in the next few days. Reply 1 to"
                + " book a visit, 2 to snooze, ACK if seen. "
                + TwilioWebhooks.PUBLIC_URL
                + "/c/")
        .matches(".*/c/[0-9]+\\.[0-9]+\\.[0-9a-z]+\\.[A-Za-z0-9_-]{22}$");
    JsonNode smsRow = notification(theCase, "sms");
    String sid =
        json.readTree(TWILIO.sentTo(phone).get(0).getResponse().getBodyAsString())
            .get("sid")
            .asText();
    assertThat(sid).matches("SM[0-9a-fA-F]{32}");
    assertThat(smsRow.get("providerId").asText()).isEqualTo(sid);
    assertThat(smsRow.get("provider").asText()).isEqualTo("twilio");
    assertThat(smsRow.get("attempts").asInt()).isEqualTo(1);
    assertThat(mailsTo(email)).isEmpty();
    assertThat(events.outcome(opened)).isEqualTo("opened case " + caseId);
    assertThat(timelineKinds(caseId))
        .containsSubsequence("OPENED", "MESSAGE_QUEUED", "MESSAGE_SENT");
  }

  @Test
  void customerWhoPrefersEmailGetsTextAndHtmlWithTheOutboxKeyAsMessageId() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-mail-" + n;
    String email = "mina" + n + "@example.com";
    long customer = registerOwner("Mina", "+1415555" + n, email, device, "Bedroom AC");
    put(
        "/api/customers/" + customer + "/preferences",
        Map.of("channelOrder", Map.of("WARNING", List.of("email", "sms"))));

    events.insert(CaseEvents.opened(device));

    JsonNode theCase = awaitCase(device, c -> allSent(c, 1));
    long caseId = theCase.get("id").asLong();
    MimeMessage mail = onlyMailTo(email);
    assertThat(mail.getSubject()).isEqualTo("Bedroom AC needs attention (case #" + caseId + ")");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("care@forewarn.test");
    assertThat(partTypes(mail)).anyMatch(t -> t.startsWith("text/plain"));
    assertThat(partTypes(mail)).anyMatch(t -> t.startsWith("text/html"));
    assertThat(notification(theCase, "email").get("providerId").asText())
        .isEqualTo(mail.getMessageID())
        .isEqualTo("<case-" + caseId + "-opened-email-0@forewarn.test>");
    assertThat(TWILIO.requestsTo("+1415555" + n)).isEmpty();
  }

  @Test
  void theSameEventTwiceMakesOneCaseAndOneSms() {
    int n = NEXT.incrementAndGet();
    String device = "ac-twice-" + n;
    String phone = "+1415555" + n;
    registerOwner("Min-jun", phone, null, device, "Kitchen fridge");
    CaseEvent opened = CaseEvents.opened(device);
    events.insert(opened);
    awaitCase(device, c -> allSent(c, 1));

    events.insert(opened);
    events.replay(opened);
    await().atMost(WAIT).until(() -> events.outcome(opened) != null);
    intake.drain();
    CaseEvent sameEpisodeNewRuleVersion = CaseEvents.opened(device, 2);
    events.insert(sameEpisodeNewRuleVersion);
    await().atMost(WAIT).until(() -> events.outcome(sameEpisodeNewRuleVersion) != null);

    assertThat(events.outcome(opened)).startsWith("skipped");
    assertThat(events.outcome(sameEpisodeNewRuleVersion)).startsWith("skipped");
    assertThat(casesOf(device)).hasSize(1);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> TWILIO.requestsTo(phone).size() == 1);
    assertThat(casesOf(device).get(0).get("notifications")).hasSize(1);
  }

  @Test
  void unknownDeviceOpensACaseThatShowsNobodyWasTold() {
    String device = "ghost-" + NEXT.incrementAndGet();

    events.insert(CaseEvents.opened(device));

    JsonNode theCase = awaitCase(device, c -> true);
    assertThat(theCase.get("status").asText()).isEqualTo("OPEN");
    assertThat(theCase.get("notifications")).isEmpty();
    assertThat(theCase.get("problem").asText()).isEqualTo("device has no owner");
    assertThat(theCase.get("customerId").isNull()).isTrue();
    JsonNode one = get("/api/cases/" + theCase.get("id").asLong());
    assertThat(one.get("problem").asText()).isEqualTo("device has no owner");
  }

  @Test
  void clearedEventClosesTheCaseAndAStrayClearIsRecordedNotFailed() {
    int n = NEXT.incrementAndGet();
    String device = "ac-clear-" + n;
    registerOwner("Ana", null, "ana" + n + "@example.com", device, null);
    events.insert(CaseEvents.opened(device));
    awaitCase(device, c -> c.get("status").asText().equals("OPEN"));
    CaseEvent cleared = CaseEvents.cleared(device);

    events.insert(cleared);

    JsonNode theCase = awaitCase(device, c -> c.get("status").asText().equals("CLEARED"));
    assertThat(theCase.get("clearedAt").asText()).isEqualTo(CaseEvents.T0_PLUS_10M.toString());
    assertThat(events.outcome(cleared)).isEqualTo("cleared case " + theCase.get("id").asLong());

    events.replay(cleared);
    CaseEvent strayClear = CaseEvents.cleared("never-seen-" + n);
    events.insert(strayClear);
    await().atMost(WAIT).until(() -> events.outcome(cleared) != null);
    await().atMost(WAIT).until(() -> events.outcome(strayClear) != null);
    assertThat(events.outcome(cleared)).startsWith("skipped: no open case");
    // A clear for an episode never opened is kept until its open arrives, not dropped.
    assertThat(events.outcome(strayClear)).startsWith("waiting: the open of this episode");
    assertThat(casesOf(device)).hasSize(1);
    assertThat(casesOf(device).get(0).get("status").asText()).isEqualTo("CLEARED");
  }

  @Test
  void supersededEventClosesTheCaseWithoutAnAllClearSoTheNextCaseCanOpen() {
    int n = NEXT.incrementAndGet();
    String device = "ac-superseded-" + n;
    registerOwner("Ida", null, "ida" + n + "@example.com", device, null);
    events.insert(CaseEvents.opened(device));
    long first = awaitCase(device, c -> c.get("status").asText().equals("OPEN")).get("id").asLong();
    CaseEvent superseded =
        CaseEvent.superseded(
            device,
            CaseEvents.RULE,
            1,
            Severity.WARNING,
            CaseEvents.T0_PLUS_2M,
            CaseEvents.T0,
            "rule compressor-overheat version 1 replaced by version 2");

    events.insert(superseded);

    await().atMost(WAIT).until(() -> events.outcome(superseded) != null);
    assertThat(events.outcome(superseded)).isEqualTo("superseded case " + first);
    assertThat(casesOf(device).get(0).get("status").asText()).isEqualTo("CLEARED");
    // The same device and rule, under the new version: a new case, no longer blocked.
    events.insert(
        CaseEvent.of(
            device,
            new Decision(
                Decision.Kind.OPEN,
                CaseEvents.RULE,
                2,
                Severity.WARNING,
                CaseEvents.T0_PLUS_10M,
                CaseEvents.T0_PLUS_10M,
                Map.of("compressor_temp_c", 90.0),
                CaseEvents.SUMMARY)));
    await().atMost(WAIT).until(() -> casesOf(device).size() == 2);
  }

  @Test
  void providerOutageIsRetriedAndTheMessageAcceptedOnce() {
    int n = NEXT.incrementAndGet();
    String device = "ac-retry-" + n;
    String phone = "+1415555" + n;
    registerOwner("Sam", phone, null, device, "Garage heat pump");
    TWILIO.failOnceWith503(phone);

    events.insert(CaseEvents.opened(device));

    JsonNode sms = notification(awaitCase(device, c -> allSent(c, 1)), "sms");
    assertThat(sms.get("attempts").asInt()).isEqualTo(2);
    assertThat(sms.get("lastError").asText()).contains("HTTP 503");
    assertThat(TWILIO.sentTo(phone))
        .extracting(event -> event.getResponse().getStatus())
        .containsExactly(503, 201);
  }

  @Test
  void throttlingIsRetriedAndExactlyOneMessageIsAccepted() {
    int n = NEXT.incrementAndGet();
    String device = "ac-429-" + n;
    String phone = "+1415555" + n;
    registerOwner("Lou", phone, null, device, "Attic fan");
    TWILIO.throttleOnceWith429(phone);

    events.insert(CaseEvents.opened(device));

    JsonNode sms = notification(awaitCase(device, c -> allSent(c, 1)), "sms");
    // A throttled call spends no attempt: the one that counts is the one Twilio accepted.
    assertThat(sms.get("attempts").asInt()).isEqualTo(1);
    assertThat(sms.get("lastError").asText()).contains("HTTP 429");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> TWILIO.sentTo(phone).size() == 2);
    assertThat(TWILIO.sentTo(phone))
        .extracting(event -> event.getResponse().getStatus())
        .containsExactly(429, 201);
  }

  @Test
  void invalidNumberIsNotRetriedAndTheCaseMovesToEmailAtOnce() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-invalid-" + n;
    String phone = "+1415555" + n;
    String email = "kim" + n + "@example.com";
    registerOwner("Kim", phone, email, device, null);
    TWILIO.refuseAsInvalidNumber(phone);

    events.insert(CaseEvents.opened(device));

    JsonNode theCase =
        awaitCase(device, c -> "FAILED".equals(statusOf(c, "sms")) && allSentOn(c, "email"));
    JsonNode sms = notification(theCase, "sms");
    assertThat(sms.get("lastError").asText()).contains("21211");
    assertThat(sms.get("attempts").asInt()).isEqualTo(1);
    assertThat(onlyMailTo(email).getSubject()).contains("needs attention");
    assertThat(timelineKinds(theCase.get("id").asLong()))
        .containsSubsequence("MESSAGE_FAILED", "FALLBACK", "MESSAGE_SENT");
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> TWILIO.requestsTo(phone).size() == 1);
  }

  @Test
  void whenEveryChannelFailsTheCaseShowsWhyAndGoesToAnAgent() {
    int n = NEXT.incrementAndGet();
    String device = "ac-nobody-" + n;
    String phone = "+1415555" + n;
    registerOwner("Ola", phone, null, device, null);
    TWILIO.refuseAsUnsubscribed(phone);

    events.insert(CaseEvents.opened(device));

    JsonNode theCase = awaitCase(device, c -> c.get("escalatedAt").isTextual());
    assertThat(theCase.get("problem").asText()).contains("no channel reached", "21610");
    JsonNode tasks = get("/api/agent-tasks");
    boolean listed = false;
    for (JsonNode task : tasks) {
      if (task.get("task").get("caseId").asLong() == theCase.get("id").asLong()) {
        listed = true;
        assertThat(task.get("task").get("kind").asText()).isEqualTo("ESCALATION");
        assertThat(task.get("theCase").get("evidence").get("compressor_temp_c").asDouble())
            .isEqualTo(86.4);
        assertThat(task.get("timeline").toString()).contains("MESSAGE_FAILED");
      }
    }
    assertThat(listed).isTrue();
  }

  @Test
  void whenTheOwnerCannotBeReachedTheSecondaryContactIsTold() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-second-" + n;
    String ownerPhone = "+1415555" + n;
    String neighbourEmail = "neighbour" + n + "@example.com";
    long owner = registerOwner("Pat", ownerPhone, null, device, "Holiday home AC");
    addSecondaryContact(device, owner, "Chris", neighbourEmail);
    TWILIO.refuseAsInvalidNumber(ownerPhone);

    events.insert(CaseEvents.opened(device));

    JsonNode theCase = awaitCase(device, c -> allSentOn(c, "email"));
    MimeMessage mail = onlyMailTo(neighbourEmail);
    assertThat(mail.getContent().toString()).isNotEmpty();
    assertThat(notification(theCase, "email").get("providerId").asText())
        .isEqualTo(
            "<case-" + theCase.get("id").asLong() + "-opened-email-1-secondary@forewarn.test>");
    assertThat(statusOf(theCase, "sms")).isEqualTo("FAILED");
  }

  @Test
  void eventsHandledAsOneBatchEachReachTheirOwnPeople() throws Exception {
    int n = NEXT.incrementAndGet();
    String smsDevice = "batch-sms-" + n;
    String emailDevice = "batch-email-" + n;
    String sharedDevice = "batch-shared-" + n;
    String ghost = "batch-ghost-" + n;
    String smsPhone = "+1415557" + n;
    String emailOnly = "batch-email" + n + "@example.com";
    String unreachablePhone = "+1415558" + n;
    String neighbourEmail = "batch-neighbour" + n + "@example.com";
    registerOwner("Ana", smsPhone, null, smsDevice, null);
    registerOwner("Ben", null, emailOnly, emailDevice, null);
    long owner = registerOwner("Cy", unreachablePhone, null, sharedDevice, null);
    addSecondaryContact(sharedDevice, owner, "Dee", neighbourEmail);
    TWILIO.refuseAsInvalidNumber(unreachablePhone);

    events.insertTogether(
        List.of(
            CaseEvents.opened(smsDevice),
            CaseEvents.opened(ghost),
            CaseEvents.opened(emailDevice),
            CaseEvents.opened(sharedDevice)));

    awaitCase(smsDevice, c -> allSentOn(c, "sms"));
    awaitCase(emailDevice, c -> allSentOn(c, "email"));
    JsonNode shared = awaitCase(sharedDevice, c -> allSentOn(c, "email"));
    assertThat(TWILIO.requestsTo(smsPhone)).hasSize(1);
    assertThat(onlyMailTo(emailOnly).getContent().toString()).isNotEmpty();
    assertThat(onlyMailTo(neighbourEmail).getContent().toString()).isNotEmpty();
    assertThat(statusOf(shared, "sms")).isEqualTo("FAILED");
    assertThat(notification(shared, "sms").get("recipient").asText()).isEqualTo(unreachablePhone);
    JsonNode unowned = awaitCase(ghost, c -> true);
    assertThat(unowned.get("problem").asText()).isEqualTo("device has no owner");
    assertThat(unowned.get("notifications")).isEmpty();
  }

  @Test
  void racingDispatchersSendEachMessageOnce() throws Exception {
    String device = "race-" + NEXT.incrementAndGet();
    events.insert(CaseEvents.opened(device));
    long caseId = awaitCase(device, c -> true).get("id").asLong();
    List<String> phones = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String phone = "+1415556" + NEXT.incrementAndGet();
      phones.add(phone);
      outbox.add(
          new NewOutboxMessage(
              caseId,
              "race-" + i,
              ChannelKind.SMS,
              phone,
              Optional.empty(),
              "race",
              Optional.empty()));
    }
    TWILIO.acceptEverythingSlowly(30);
    List<OutboxDispatcher> dispatchers =
        List.of(
            dispatcher.with(channels, outboxProperties),
            dispatcher.with(channels, outboxProperties));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);

    List<java.util.concurrent.Future<Integer>> handled =
        dispatchers.stream()
            .map(
                d ->
                    pool.submit(
                        () -> {
                          start.await();
                          return d.sendDue();
                        }))
            .toList();
    start.countDown();
    int total = 0;
    for (var h : handled) {
      total += h.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(total).isLessThanOrEqualTo(phones.size());
    JsonNode theCase = awaitCase(device, c -> allSent(c, phones.size()));
    for (JsonNode n : theCase.get("notifications")) {
      assertThat(n.get("attempts").asInt()).isEqualTo(1);
    }
    for (String phone : phones) {
      assertThat(TWILIO.requestsTo(phone)).as("requests to %s", phone).hasSize(1);
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  private long registerOwner(
      String name, String phone, String email, String device, String nickname) {
    Map<String, Object> customer = new java.util.HashMap<>();
    customer.put("name", name);
    customer.put("phone", phone);
    customer.put("email", email);
    JsonNode created = post("/api/customers", customer, 201);
    Map<String, Object> ownership = new java.util.HashMap<>();
    ownership.put("deviceId", device);
    ownership.put("customerId", created.get("id").asLong());
    ownership.put("nickname", nickname);
    ownership.put("model", "AC-200");
    post("/api/devices", ownership, 201);
    return created.get("id").asLong();
  }

  /** Registers a customer reachable by email and makes them the device's secondary contact. */
  private void addSecondaryContact(String device, long owner, String name, String email) {
    Map<String, Object> contact = new java.util.HashMap<>();
    contact.put("name", name);
    contact.put("email", email);
    long secondary = post("/api/customers", contact, 201).get("id").asLong();
    post(
        "/api/devices",
        Map.of("deviceId", device, "customerId", owner, "secondaryCustomerId", secondary),
        200);
  }

  private void put(String path, Object body) {
    http.put(path, body);
  }

  private List<String> timelineKinds(long caseId) {
    List<String> kinds = new java.util.ArrayList<>();
    get("/api/cases/" + caseId + "/timeline").forEach(e -> kinds.add(e.get("kind").asText()));
    return kinds;
  }

  private static boolean allSentOn(JsonNode theCase, String channel) {
    JsonNode n = notification(theCase, channel);
    return n != null && n.get("status").asText().equals("SENT");
  }

  private JsonNode awaitCase(String device, java.util.function.Predicate<JsonNode> condition) {
    return await()
        .atMost(WAIT)
        .until(
            () -> casesOf(device).stream().filter(condition).findFirst().orElse(null),
            java.util.Objects::nonNull);
  }

  private List<JsonNode> casesOf(String device) {
    JsonNode all = get("/api/cases?limit=1000");
    java.util.ArrayList<JsonNode> mine = new java.util.ArrayList<>();
    all.forEach(
        c -> {
          if (c.get("deviceId").asText().equals(device)) {
            mine.add(c);
          }
        });
    return mine;
  }

  private static boolean allSent(JsonNode theCase, int expected) {
    JsonNode notifications = theCase.get("notifications");
    if (notifications.size() != expected) {
      return false;
    }
    for (JsonNode n : notifications) {
      if (!n.get("status").asText().equals("SENT")) {
        return false;
      }
    }
    return true;
  }

  private static String statusOf(JsonNode theCase, String channel) {
    JsonNode n = notification(theCase, channel);
    return n == null ? null : n.get("status").asText();
  }

  private static JsonNode notification(JsonNode theCase, String channel) {
    for (JsonNode n : theCase.get("notifications")) {
      if (n.get("channel").asText().equals(channel)) {
        return n;
      }
    }
    return null;
  }

  private static MimeMessage onlyMailTo(String address) throws Exception {
    List<MimeMessage> mails = mailsTo(address);
    assertThat(mails).hasSize(1);
    return mails.get(0);
  }

  private static List<MimeMessage> mailsTo(String address) throws Exception {
    List<MimeMessage> mails = new java.util.ArrayList<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      if (Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address))) {
        mails.add(m);
      }
    }
    return mails;
  }

  private static List<String> partTypes(MimeMessage mail) throws Exception {
    List<String> types = new java.util.ArrayList<>();
    collectTypes(mail.getContent(), types);
    return types;
  }

  private static void collectTypes(Object content, List<String> types) throws Exception {
    if (content instanceof Multipart) {
      Multipart multipart = (Multipart) content;
      for (int i = 0; i < multipart.getCount(); i++) {
        types.add(multipart.getBodyPart(i).getContentType().toLowerCase());
        collectTypes(multipart.getBodyPart(i).getContent(), types);
      }
    }
  }

  private JsonNode get(String path) {
    var response = http.getForEntity(path, JsonNode.class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    return response.getBody();
  }

  private JsonNode post(String path, Object body, int expectedStatus) {
    var response = http.postForEntity(path, body, JsonNode.class);
    assertThat(response.getStatusCode().value())
        .as("POST %s answered %s", path, response.getBody())
        .isEqualTo(expectedStatus);
    return response.getBody();
  }
}
