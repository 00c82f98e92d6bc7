package dev.forewarn.outreach;

import static dev.forewarn.outreach.OutreachClient.WAIT;
import static dev.forewarn.outreach.OutreachClient.notification;
import static dev.forewarn.outreach.OutreachClient.sent;
import static dev.forewarn.outreach.OutreachClient.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.outreach.config.WakeupLoop;
import dev.forewarn.outreach.notify.Channels;
import dev.forewarn.outreach.outbox.OutboxDispatcher;
import dev.forewarn.outreach.outbox.OutboxProperties;
import dev.forewarn.rules.document.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What decides whether and when a message leaves: crashes around the provider call, quiet hours,
 * the budget, clearing before sending, grouping and updates. Where a test needs to control who
 * dispatches, the service's own dispatch loop is stopped and dispatchers are run by hand, as other
 * instances would run them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class DeliveryRulesIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final AtomicInteger NEXT = new AtomicInteger(1000 + (int) (Math.random() * 8000));
  static final Duration SHORT_LEASE = Duration.ofMillis(500);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    TWILIO.register(registry);
    registry.add("forewarn.outreach.public-url", () -> TwilioWebhooks.PUBLIC_URL);
    registry.add("forewarn.outreach.budget-per-customer-per-day", () -> "2");
  }

  @AfterAll
  static void stopStandIn() {
    TWILIO.stop();
  }

  @Autowired Actors actors;
  TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired Channels channels;
  @Autowired OutboxProperties outboxProperties;

  @Autowired
  @Qualifier("outboxWakeupLoop")
  WakeupLoop outboxLoop;

  @LocalServerPort int port;
  OutreachClient api;
  CaseEvents events;

  @BeforeEach
  void fresh() {
    http = actors.manager();
    TWILIO.reset();
    api = new OutreachClient(http);
    events = new CaseEvents(jdbc);
  }

  @AfterEach
  void dispatchLoopRunsAgain() {
    outboxLoop.start();
  }

  @Test
  void dispatcherKilledAfterTwilioAcceptedLeavesOneSmsTheNextDispatcherFindsIt() throws Exception {
    outboxLoop.stop();
    int n = NEXT.incrementAndGet();
    String device = "ac-crash-after-" + n;
    String phone = "+1415555" + n;
    api.owner("Jo", phone, null, device, "Porch AC");
    events.insert(CaseEvents.opened(device));
    long caseId =
        api.awaitCase(device, c -> "PENDING".equals(status(c, "sms", "opened"))).get("id").asLong();

    OutboxDispatcher dying = dispatcher.with(dyingSms(true), shortLease());
    assertThatThrownBy(dying::sendDue).isInstanceOf(InterceptedSms.Killed.class);
    assertThat(TWILIO.requestsTo(phone)).hasSize(1);
    assertThat(status(api.theCase(caseId), "sms", "opened")).isEqualTo("SENDING");
    TWILIO.listWhatWasAccepted(phone);
    Thread.sleep(SHORT_LEASE.toMillis() + 100);

    OutboxDispatcher takingOver = dispatcher.with(channels, shortLease());
    await().atMost(WAIT).until(() -> takingOver.sendDue() > 0);

    JsonNode sms = notification(api.theCase(caseId), "sms", "opened");
    assertThat(sms.get("status").asText()).isEqualTo("SENT");
    assertThat(sms.get("providerId").asText()).isEqualTo(acceptedSid(phone));
    assertThat(sms.get("attempts").asInt()).isEqualTo(2);
    assertThat(TWILIO.requestsTo(phone)).as("Messages POSTs to the customer").hasSize(1);
    assertThat(TWILIO.lookupsFor(phone)).isEqualTo(1);
    assertThat(api.timelineText(caseId)).contains("found at the provider");
  }

  @Test
  void dispatcherKilledBeforeCallingTwilioIsLookedUpThenSentOnce() throws Exception {
    outboxLoop.stop();
    int n = NEXT.incrementAndGet();
    String device = "ac-crash-before-" + n;
    String phone = "+1415555" + n;
    api.owner("Al", phone, null, device, "Shed AC");
    events.insert(CaseEvents.opened(device));
    long caseId =
        api.awaitCase(device, c -> "PENDING".equals(status(c, "sms", "opened"))).get("id").asLong();

    assertThatThrownBy(dispatcher.with(dyingSms(false), shortLease())::sendDue)
        .isInstanceOf(InterceptedSms.Killed.class);
    assertThat(TWILIO.requestsTo(phone)).isEmpty();
    Thread.sleep(SHORT_LEASE.toMillis() + 100);
    OutboxDispatcher takingOver = dispatcher.with(channels, shortLease());
    await().atMost(WAIT).until(() -> takingOver.sendDue() > 0);

    assertThat(status(api.theCase(caseId), "sms", "opened")).isEqualTo("SENT");
    assertThat(TWILIO.lookupsFor(phone)).isEqualTo(1);
    assertThat(TWILIO.requestsTo(phone)).hasSize(1);
  }

  @Test
  void lateStatusCallbackMarksTheRowOfAKilledDispatcherSoNothingIsResent() throws Exception {
    outboxLoop.stop();
    int n = NEXT.incrementAndGet();
    String device = "ac-crash-callback-" + n;
    String phone = "+1415555" + n;
    api.owner("Ida", phone, null, device, null);
    events.insert(CaseEvents.opened(device));
    long caseId =
        api.awaitCase(device, c -> "PENDING".equals(status(c, "sms", "opened"))).get("id").asLong();
    assertThatThrownBy(dispatcher.with(dyingSms(true), shortLease())::sendDue)
        .isInstanceOf(InterceptedSms.Killed.class);

    new TwilioWebhooks(port)
        .status(TWILIO.requestsTo(phone).get(0).get("StatusCallback"), acceptedSid(phone), "sent");
    Thread.sleep(SHORT_LEASE.toMillis() + 100);
    int handled = dispatcher.with(channels, shortLease()).sendDue();

    JsonNode sms = notification(api.theCase(caseId), "sms", "opened");
    assertThat(handled).isZero();
    assertThat(sms.get("status").asText()).isEqualTo("SENT");
    assertThat(sms.get("providerId").asText()).isEqualTo(acceptedSid(phone));
    assertThat(sms.get("delivery").asText()).isEqualTo("sent");
    assertThat(TWILIO.requestsTo(phone)).hasSize(1);
    assertThat(TWILIO.lookupsFor(phone)).isZero();
  }

  @Test
  void quietHoursInTheCustomersZoneDeferTheMessageButNotACriticalOne() {
    int n = NEXT.incrementAndGet();
    String phone = "+1415555" + n;
    long customer = api.owner("Yuna", phone, null, "ac-quiet-" + n, "Nursery AC");
    api.device("ac-quiet-critical-" + n, customer, "Server AC");
    LocalTime nowInSeoul = Instant.now().atZone(java.time.ZoneId.of("Asia/Seoul")).toLocalTime();
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
    api.preferences(
        customer,
        Map.of(
            "timeZone",
            "Asia/Seoul",
            "quietHours",
            Map.of(
                "start", nowInSeoul.minusHours(1).format(hhmm),
                "end", nowInSeoul.plusHours(1).format(hhmm),
                "criticalOverrides", true)));

    events.insert(CaseEvents.opened("ac-quiet-" + n));
    JsonNode deferred =
        api.awaitCase(
            "ac-quiet-" + n,
            c -> api.timelineKinds(c.get("id").asLong()).contains("MESSAGE_DEFERRED"));
    events.insert(CaseEvents.opened("ac-quiet-critical-" + n, 1, Severity.CRITICAL));
    api.awaitCase("ac-quiet-critical-" + n, c -> sent(c, "sms", "opened"));

    JsonNode sms = notification(api.theCase(deferred.get("id").asLong()), "sms", "opened");
    assertThat(sms.get("status").asText()).isEqualTo("PENDING");
    assertThat(sms.get("attempts").asInt()).isZero();
    Instant due = Instant.parse(sms.get("nextAttemptAt").asText());
    assertThat(due)
        .isBetween(Instant.now().plusSeconds(50 * 60), Instant.now().plusSeconds(61 * 60));
    assertThat(TWILIO.requestsTo(phone)).hasSize(1);
    assertThat(TWILIO.requestsTo(phone).get(0).get("Body")).contains("Server AC");
  }

  @Test
  void budgetExhaustionSuppressesTheThirdWarningOfTheDayButNotACriticalCase() {
    int n = NEXT.incrementAndGet();
    String phone = "+1415555" + n;
    long customer = api.owner("Rae", phone, null, "ac-budget-1-" + n, "AC one");
    for (int i = 2; i <= 4; i++) {
      api.device("ac-budget-" + i + "-" + n, customer, "AC " + i);
    }
    for (int i = 1; i <= 3; i++) {
      events.insert(CaseEvents.opened("ac-budget-" + i + "-" + n));
      api.awaitCase(
          "ac-budget-" + i + "-" + n,
          c -> sent(c, "sms", "opened") || "CANCELLED".equals(status(c, "sms", "opened")));
    }
    events.insert(CaseEvents.opened("ac-budget-4-" + n, 1, Severity.CRITICAL));
    api.awaitCase("ac-budget-4-" + n, c -> sent(c, "sms", "opened"));

    JsonNode third = api.casesOf("ac-budget-3-" + n).get(0);
    assertThat(status(third, "sms", "opened")).isEqualTo("CANCELLED");
    assertThat(third.get("problem").asText()).contains("budget of 2 notifications per customer");
    assertThat(api.timelineKinds(third.get("id").asLong())).contains("MESSAGE_NOT_SENT");
    assertThat(TWILIO.requestsTo(phone)).hasSize(3);
  }

  @Test
  void caseThatClearsBeforeItsMessageLeavesIsNeverSent() {
    outboxLoop.stop();
    int n = NEXT.incrementAndGet();
    String device = "ac-clear-first-" + n;
    String phone = "+1415555" + n;
    api.owner("Uma", phone, null, device, null);
    events.insert(CaseEvents.opened(device));
    api.awaitCase(device, c -> "PENDING".equals(status(c, "sms", "opened")));
    events.insert(CaseEvents.cleared(device));
    api.awaitCase(device, c -> c.get("status").asText().equals("CLEARED"));

    dispatcher.with(channels, outboxProperties).sendDue();

    JsonNode theCase = api.casesOf(device).get(0);
    assertThat(status(theCase, "sms", "opened")).isEqualTo("CANCELLED");
    assertThat(notification(theCase, "sms", "opened").get("lastError").asText())
        .contains("cleared before it was sent");
    assertThat(notification(theCase, "sms", "all-clear")).isNull();
    assertThat(TWILIO.requestsTo(phone)).isEmpty();
  }

  @Test
  void openCasesOfOneCustomerWaitingTogetherGoOutAsOneMessage() {
    outboxLoop.stop();
    int n = NEXT.incrementAndGet();
    String phone = "+1415555" + n;
    long customer = api.owner("Noa", phone, null, "ac-group-a-" + n, "Living room AC");
    api.device("ac-group-b-" + n, customer, "Bedroom AC");
    events.insert(CaseEvents.opened("ac-group-a-" + n));
    JsonNode lead = api.awaitCase("ac-group-a-" + n, c -> c.get("notifications").size() == 1);
    events.insert(CaseEvents.opened("ac-group-b-" + n));
    JsonNode member = api.awaitCase("ac-group-b-" + n, c -> c.get("groupLead").isNumber());

    dispatcher.with(channels, outboxProperties).sendDue();

    assertThat(member.get("groupLead").asLong()).isEqualTo(lead.get("id").asLong());
    assertThat(member.get("notifications")).isEmpty();
    assertThat(TWILIO.requestsTo(phone)).hasSize(1);
    assertThat(TWILIO.requestsTo(phone).get(0).get("Body"))
        .contains("2 of your devices need attention", "Living room AC:", "Bedroom AC:");
  }

  @Test
  void updateWithRisingSeverityRenotifiesWithTheEtaAndAQuietUpdateDoesNot() {
    int n = NEXT.incrementAndGet();
    String device = "ac-update-" + n;
    String phone = "+1415555" + n;
    api.owner("Lia", phone, null, device, "Roof AC");
    events.insert(CaseEvents.opened(device));
    long caseId = api.awaitCase(device, c -> sent(c, "sms", "opened")).get("id").asLong();
    // The forecast says six hours from now; evidence counts from the event's own time.
    double sixHours =
        Duration.between(CaseEvents.UPDATED_AT, Instant.now().plus(Duration.ofHours(6)))
            .toSeconds();

    events.insertUpdate(device, Severity.WARNING, Map.of("compressor_temp_c", 87.0));
    await().atMost(WAIT).until(() -> api.timelineKinds(caseId).contains("UPDATED"));
    events.insertUpdate(
        device,
        Severity.CRITICAL,
        Map.of("compressor_temp_c", 91.0, "eta_seconds", sixHours, "eta_confidence", 0.8));
    JsonNode theCase = api.awaitCase(device, c -> sent(c, "sms", "updated-critical"));

    assertThat(theCase.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(theCase.get("eta").asText()).isNotBlank();
    assertThat(theCase.get("evidence").get("compressor_temp_c").asDouble()).isEqualTo(91.0);
    assertThat(TWILIO.requestsTo(phone)).hasSize(2);
    assertThat(TWILIO.requestsTo(phone).get(1).get("Body"))
        .startsWith("Forewarn: Update on Roof AC")
        .contains("It may stop working within about 6 hours.", "switch it off");
    assertThat(api.timelineKinds(caseId).stream().filter("UPDATED"::equals)).hasSize(2);
  }

  // --- helpers -------------------------------------------------------------------------------

  private OutboxProperties shortLease() {
    return outboxProperties.withLease(SHORT_LEASE);
  }

  /** The real SMS channel, with the dispatcher's thread dying just before or after the call. */
  private Channels dyingSms(boolean afterTheCall) {
    return InterceptedSms.around(
        channels,
        (sms, message) -> {
          if (afterTheCall) {
            sms.send(message);
          }
          throw new InterceptedSms.Killed();
        });
  }

  private String acceptedSid(String phone) throws Exception {
    return json.readTree(TWILIO.sentTo(phone).get(0).getResponse().getBodyAsString())
        .get("sid")
        .asText();
  }
}
