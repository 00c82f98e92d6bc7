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
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.forewarn.outreach.config.WakeupLoop;
import dev.forewarn.outreach.notify.Channels;
import dev.forewarn.outreach.notify.Masking;
import dev.forewarn.outreach.outbox.OutboxDispatcher;
import dev.forewarn.outreach.outbox.OutboxProperties;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Messages whose fate is uncertain: an attempt Twilio may have accepted, a provider call longer
 * than the lease, a route that names a channel twice, provider error text that names the customer,
 * a status callback faster than the dispatcher. Twilio SDK against the stand-in, GreenMail, the
 * real PostgreSQL; the lease is one second and attempts give up after two.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class DeliveryDoubtIT {

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
    registry.add("forewarn.outbox.lease", () -> "1s");
    registry.add("forewarn.outbox.backoff", () -> "100ms");
    registry.add("forewarn.outbox.max-backoff", () -> "200ms");
    registry.add("forewarn.outbox.max-attempts", () -> "3");
    registry.add("forewarn.outbox.give-up-after", () -> "2s");
    registry.add("forewarn.outbox.breaker.window", () -> "1000");
    registry.add("forewarn.outbox.breaker.minimum-calls", () -> "1000");
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
  void fresh() throws Exception {
    http = actors.manager();
    TWILIO.reset();
    SMTP.purgeEmailFromAllMailboxes();
    api = new OutreachClient(http);
    events = new CaseEvents(jdbc);
  }

  @AfterEach
  void dispatchLoopRunsAgain() {
    outboxLoop.start();
  }

  @Test
  void inDoubtMessageOfACaseThatClearedIsLookedUpFirstAndGetsItsAllClear() throws Exception {
    outboxLoop.stop();
    int n = NEXT.incrementAndGet();
    String device = "ac-doubt-cleared-" + n;
    String phone = "+1415555" + n;
    api.owner("Eve", phone, null, device, "Garage AC");
    events.insert(CaseEvents.opened(device));
    long caseId =
        api.awaitCase(device, c -> "PENDING".equals(status(c, "sms", "opened"))).get("id").asLong();
    assertThatThrownBy(dispatcher.with(dyingAfterTheCall(), outboxProperties)::sendDue)
        .isInstanceOf(InterceptedSms.Killed.class);
    TWILIO.listWhatWasAccepted(phone);
    events.insert(CaseEvents.cleared(device));
    api.awaitCase(device, c -> c.get("status").asText().equals("CLEARED"));

    outboxLoop.start();

    JsonNode theCase = api.awaitCase(device, c -> sent(c, "sms", "all-clear"));
    assertThat(status(theCase, "sms", "opened")).isEqualTo("SENT");
    assertThat(TWILIO.lookupsFor(phone)).isEqualTo(1);
    assertThat(TWILIO.requestsTo(phone)).hasSize(2);
    assertThat(TWILIO.requestsTo(phone).get(1).get("Body")).startsWith("Forewarn: All clear.");
    assertThat(api.timelineText(caseId)).contains("found at the provider");
  }

  @Test
  void messageLeftWithoutAnAnswerIsPossiblySentNotFailedAndItsCallbackSettlesIt() {
    int n = NEXT.incrementAndGet();
    String device = "ac-unanswered-" + n;
    String phone = "+1415555" + n;
    String email = "uma" + n + "@example.com";
    api.owner("Uma", phone, email, device, "Attic AC");
    TWILIO.resetConnections(phone);

    events.insert(CaseEvents.opened(device));
    JsonNode gaveUp =
        api.awaitCase(
            device,
            c -> {
              String s = status(c, "sms", "opened");
              return s != null && !s.equals("PENDING") && !s.equals("SENDING");
            });

    assertThat(status(gaveUp, "sms", "opened")).isEqualTo("UNCONFIRMED");
    assertThat(notification(gaveUp, "email", "opened")).isNull();
    String callback = TWILIO.requestsTo(phone).get(0).get("StatusCallback");
    assertThat(
            new TwilioWebhooks(port)
                .status(callback, "SM" + "f".repeat(32), "delivered")
                .statusCode())
        .isEqualTo(200);
    JsonNode settled = api.awaitCase(device, c -> sent(c, "sms", "opened"));
    assertThat(notification(settled, "sms", "opened").get("delivery").asText())
        .isEqualTo("delivered");
    assertThat(mailsTo(email)).isEmpty();
  }

  @Test
  void leaseIsRenewedWhileAProviderCallTakesLongerThanIt() {
    int n = NEXT.incrementAndGet();
    String device = "ac-slow-" + n;
    String phone = "+1415555" + n;
    api.owner("Sol", phone, null, device, "Studio AC");
    TWILIO.acceptSlowly(phone, 3_000);

    events.insert(CaseEvents.opened(device));
    await().atMost(WAIT).until(() -> TWILIO.requestsTo(phone).size() >= 1);
    // Another instance looks for due messages while the first call is still in hand.
    await().pollDelay(Duration.ofMillis(1_500)).atMost(WAIT).until(() -> dispatcher.sendDue() >= 0);

    JsonNode theCase = api.awaitCase(device, c -> sent(c, "sms", "opened"));
    assertThat(notification(theCase, "sms", "opened").get("attempts").asInt()).isEqualTo(1);
    assertThat(TWILIO.requestsTo(phone)).hasSize(1);
  }

  @Test
  void repeatedChannelInTheOrderIsStoredOnceAndTheFallbackReachesTheNextChannel() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-repeat-" + n;
    String phone = "+1415555" + n;
    String email = "rio" + n + "@example.com";
    long customer = api.owner("Rio", phone, email, device, "Den AC");
    api.preferences(
        customer, Map.of("channelOrder", Map.of("WARNING", List.of("sms", "sms", "email"))));
    assertThat(
            api.get("/api/customers/" + customer + "/preferences")
                .get("channelOrder")
                .get("WARNING"))
        .extracting(JsonNode::asText)
        .containsExactly("sms", "email");
    // A list stored before the API checked it is read the same way.
    jdbc.update(
        "UPDATE customers SET channel_order = '{\"WARNING\": [\"sms\", \"sms\", \"email\"]}'"
            + " WHERE id = ?",
        customer);
    TWILIO.refuseAsInvalidNumber(phone);

    events.insert(CaseEvents.opened(device));

    JsonNode theCase = api.awaitCase(device, c -> sent(c, "email", "opened"));
    assertThat(status(theCase, "sms", "opened")).isEqualTo("FAILED");
    assertThat(mailsTo(email)).hasSize(1);
  }

  @Test
  void providerErrorTextIsStoredAndLoggedWithTheNumberMasked(CapturedOutput output) {
    int n = NEXT.incrementAndGet();
    String device = "ac-masked-" + n;
    String phone = "+1415555" + n;
    api.owner("Max", phone, null, device, "Office AC");
    TWILIO.refuseNamingTheNumber(phone);

    events.insert(CaseEvents.opened(device));

    JsonNode theCase = api.awaitCase(device, c -> c.get("problem").isTextual());
    long caseId = theCase.get("id").asLong();
    String lastError = notification(theCase, "sms", "opened").get("lastError").asText();
    assertThat(lastError).contains("21211", Masking.phone(phone));
    assertThat(lastError).doesNotContain(phone);
    assertThat(theCase.get("problem").asText()).doesNotContain(phone);
    assertThat(api.timelineText(caseId)).doesNotContain(phone);
    assertThat(output.getAll()).contains("21211").doesNotContain(phone);
  }

  @Test
  void statusCallbackThatBeatsTheDispatcherIsNotReportedAsALostLease(CapturedOutput output)
      throws Exception {
    outboxLoop.stop();
    int n = NEXT.incrementAndGet();
    String device = "ac-fast-callback-" + n;
    String phone = "+1415555" + n;
    api.owner("Fay", phone, null, device, "Gym AC");
    events.insert(CaseEvents.opened(device));
    JsonNode pending = api.awaitCase(device, c -> "PENDING".equals(status(c, "sms", "opened")));
    long outboxId = notification(pending, "sms", "opened").get("id").asLong();

    dispatcher.with(callbackFirst(), outboxProperties).sendDue();

    JsonNode theCase = api.theCase(pending.get("id").asLong());
    assertThat(status(theCase, "sms", "opened")).isEqualTo("SENT");
    assertThat(TWILIO.requestsTo(phone)).hasSize(1);
    assertThat(output.getAll()).doesNotContain("lease lost outbox_id=" + outboxId);
  }

  // --- helpers -------------------------------------------------------------------------------

  private List<MimeMessage> mailsTo(String address) {
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getAllRecipients())
                    .anyMatch(a -> a.toString().equals(address));
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  /** The real SMS channel, with the dispatcher's thread dying right after Twilio accepted. */
  private Channels dyingAfterTheCall() {
    return InterceptedSms.around(
        channels,
        (sms, message) -> {
          sms.send(message);
          throw new InterceptedSms.Killed();
        });
  }

  /** The real SMS channel, whose status callback reaches the service before the call returns. */
  private Channels callbackFirst() {
    return InterceptedSms.around(
        channels,
        (sms, message) -> {
          String sid = sms.send(message);
          String callback = TWILIO.requestsTo(message.address()).get(0).get("StatusCallback");
          new TwilioWebhooks(port).status(callback, sid, "sent");
          return sid;
        });
  }
}
