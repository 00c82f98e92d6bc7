package dev.forewarn.outreach;

import static dev.forewarn.outreach.OutreachClient.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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
 * The acknowledgement window, shortened to two seconds: a case nobody acknowledges gets one
 * reminder, then goes to the agent queue with its full context; an acknowledged or snoozed case
 * gets neither.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class AcknowledgementIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final AtomicInteger NEXT = new AtomicInteger(1000 + (int) (Math.random() * 8000));

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    TWILIO.register(registry);
    registry.add("forewarn.outreach.public-url", () -> TwilioWebhooks.PUBLIC_URL);
    registry.add("forewarn.outreach.ack-window", () -> "2s");
    registry.add("forewarn.intake.timer-interval", () -> "200ms");
  }

  @AfterAll
  static void stopStandIn() {
    TWILIO.stop();
  }

  @Autowired Actors actors;
  TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;
  OutreachClient api;
  CaseEvents events;

  @BeforeEach
  void fresh() {
    http = actors.manager();
    api = new OutreachClient(http);
    events = new CaseEvents(jdbc);
  }

  @Test
  void unacknowledgedCaseGetsOneReminderThenAnAgentWithTheWholeThread() {
    int n = NEXT.incrementAndGet();
    String device = "ac-ignored-" + n;
    String phone = "+1415555" + n;
    api.owner("Kai", phone, null, device, "Cellar AC");
    events.insert(CaseEvents.opened(device));
    long caseId = api.awaitCase(device, c -> sent(c, "sms", "opened")).get("id").asLong();

    JsonNode escalated =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> api.theCase(caseId), c -> c.get("escalatedAt").isTextual());

    assertThat(sent(escalated, "sms", "reminder")).isTrue();
    assertThat(TWILIO.requestsTo(phone)).hasSize(2);
    assertThat(TWILIO.requestsTo(phone).get(1).get("Body")).startsWith("Forewarn reminder:");
    assertThat(api.timelineKinds(caseId))
        .containsSubsequence("MESSAGE_SENT", "REMINDER", "MESSAGE_SENT", "ESCALATED");
    JsonNode task = null;
    for (JsonNode t : api.get("/api/agent-tasks")) {
      if (t.get("task").get("caseId").asLong() == caseId) {
        task = t;
      }
    }
    assertThat(task).isNotNull();
    assertThat(task.get("task").get("kind").asText()).isEqualTo("ESCALATION");
    assertThat(task.get("theCase").get("notifications")).hasSize(2);
    assertThat(task.get("timeline").toString()).contains("REMINDER", "MESSAGE_SENT");
  }

  @Test
  void acknowledgedOrSnoozedCasesGetNoReminder() throws Exception {
    int n = NEXT.incrementAndGet();
    String ackPhone = "+1415555" + n;
    String snoozePhone = "+1415556" + n;
    api.owner("Ack", ackPhone, null, "ac-acked-" + n, null);
    api.owner("Snooze", snoozePhone, null, "ac-snoozed-" + n, null);
    events.insert(CaseEvents.opened("ac-acked-" + n));
    events.insert(CaseEvents.opened("ac-snoozed-" + n));
    long acked = api.awaitCase("ac-acked-" + n, c -> sent(c, "sms", "opened")).get("id").asLong();
    long snoozed =
        api.awaitCase("ac-snoozed-" + n, c -> sent(c, "sms", "opened")).get("id").asLong();
    TwilioWebhooks twilio = new TwilioWebhooks(port);

    twilio.inbound("SMa" + n, ackPhone, "ack");
    twilio.inbound("SMz" + n, snoozePhone, "2");
    Thread.sleep(5_000);

    assertThat(TWILIO.requestsTo(ackPhone)).hasSize(1);
    assertThat(TWILIO.requestsTo(snoozePhone)).hasSize(1);
    assertThat(api.timelineKinds(acked)).contains("ACKNOWLEDGED").doesNotContain("REMINDER");
    assertThat(api.timelineKinds(snoozed)).contains("SNOOZED").doesNotContain("REMINDER");
    assertThat(api.theCase(snoozed).get("escalatedAt").isNull()).isTrue();
  }
}
