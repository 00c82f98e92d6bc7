package dev.forewarn.outreach;

import static dev.forewarn.outreach.OutreachClient.WAIT;
import static dev.forewarn.outreach.OutreachClient.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.lifecycle.CaseEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
 * The order of a case's events and the thread of a case that rode in another case's message: an
 * open and its clear are handled in the order they happened however they were stored, and a grouped
 * case keeps its own reminder, escalation and all-clear once its lead is gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class CaseOrderIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final AtomicInteger NEXT = new AtomicInteger(1000 + (int) (Math.random() * 8000));

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    TWILIO.register(registry);
    registry.add("forewarn.outreach.public-url", () -> TwilioWebhooks.PUBLIC_URL);
    registry.add("forewarn.outreach.ack-window", () -> "3s");
    registry.add("forewarn.outreach.group-window", () -> "1s");
    registry.add("forewarn.intake.timer-interval", () -> "200ms");
  }

  @AfterAll
  static void stopStandIn() {
    TWILIO.stop();
  }

  @Autowired Actors actors;
  TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  OutreachClient api;
  CaseEvents events;

  @BeforeEach
  void fresh() {
    http = actors.manager();
    api = new OutreachClient(http);
    events = new CaseEvents(jdbc);
  }

  @Test
  void openAndClearCommittedTogetherAreHandledInOrderWhateverTheirEventIds() {
    int n = NEXT.incrementAndGet();
    String device = deviceWhoseClearSortsFirst("ac-together-" + n + "-");
    String phone = "+1415555" + n;
    api.owner("Ana", phone, null, device, "Hall AC");

    events.insertTogether(List.of(CaseEvents.opened(device), CaseEvents.cleared(device)));

    JsonNode theCase = api.awaitCase(device, c -> true);
    await()
        .atMost(WAIT)
        .until(
            () -> api.theCase(theCase.get("id").asLong()).get("status").asText(),
            "CLEARED"::equals);
    assertThat(events.outcome(CaseEvents.cleared(device))).startsWith("cleared case");
    // The device is not blocked: its next episode, a critical one, reaches the customer.
    events.insert(CaseEvents.opened(device, CaseEvents.T0.plusSeconds(3600), Severity.CRITICAL));
    api.awaitCase(
        device, c -> c.get("severity").asText().equals("CRITICAL") && sent(c, "sms", "opened"));
  }

  @Test
  void clearStoredBeforeItsOpenIsKeptUntilTheOpenArrives() {
    int n = NEXT.incrementAndGet();
    String device = "ac-clear-early-" + n;
    String phone = "+1415555" + n;
    api.owner("Ben", phone, null, device, "Loft AC");
    CaseEvent cleared = CaseEvents.cleared(device);

    events.insert(cleared);
    await().atMost(WAIT).until(() -> events.outcome(cleared) != null);
    events.insert(CaseEvents.opened(device));

    JsonNode theCase = api.awaitCase(device, c -> c.get("status").asText().equals("CLEARED"));
    assertThat(events.outcome(cleared)).contains("cleared case " + theCase.get("id").asLong());
    events.insert(CaseEvents.opened(device, CaseEvents.T0.plusSeconds(3600), Severity.CRITICAL));
    api.awaitCase(
        device, c -> c.get("severity").asText().equals("CRITICAL") && sent(c, "sms", "opened"));
    assertThat(TWILIO.requestsTo(phone)).hasSize(1);
  }

  @Test
  void groupedCaseGetsItsOwnReminderEscalationAndAllClearOnceItsLeadClears() {
    int n = NEXT.incrementAndGet();
    String phone = "+1415555" + n;
    long customer = api.owner("Cleo", phone, null, "ac-lead-" + n, "Bedroom AC");
    api.device("ac-follower-" + n, customer, "Kitchen AC");
    events.insert(CaseEvents.opened("ac-lead-" + n));
    events.insert(CaseEvents.opened("ac-follower-" + n));
    JsonNode follower = api.awaitCase("ac-follower-" + n, c -> c.get("groupLead").isNumber());
    await().atMost(WAIT).until(() -> TWILIO.requestsTo(phone).size() == 1);
    assertThat(TWILIO.requestsTo(phone).get(0).get("Body")).contains("2 of your devices");

    events.insert(CaseEvents.cleared("ac-lead-" + n));
    await()
        .atMost(WAIT)
        .until(
            () ->
                bodies(phone).stream()
                    .anyMatch(b -> b.startsWith("Forewarn: All clear. Bedroom AC")));

    long followerId = follower.get("id").asLong();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.theCase(followerId).get("escalatedAt").isTextual());
    assertThat(bodies(phone))
        .anyMatch(b -> b.startsWith("Forewarn reminder: Kitchen AC still needs attention"));
    events.insert(CaseEvents.cleared("ac-follower-" + n));
    await()
        .atMost(WAIT)
        .until(
            () ->
                bodies(phone).stream()
                    .anyMatch(b -> b.startsWith("Forewarn: All clear. Kitchen AC")));
    assertThat(api.timelineKinds(followerId)).contains("REMINDER", "ESCALATED", "CLEARED");
  }

  @Test
  void caseOpenWhenTheJobLostItsEpisodeFollowsTheJobsNextEpisodeToItsAllClear() {
    int n = NEXT.incrementAndGet();
    String device = "ac-restarted-" + n;
    String phone = "+1415555" + n;
    api.owner("Dan", phone, null, device, "Attic AC");
    events.insert(CaseEvents.opened(device));
    long caseId = api.awaitCase(device, c -> sent(c, "sms", "opened")).get("id").asLong();

    // A job started without its state sees the fault afresh: a new episode, now critical.
    Instant restarted = CaseEvents.T0.plusSeconds(3600);
    CaseEvent reopened = CaseEvents.opened(device, restarted, Severity.CRITICAL);
    events.insert(reopened);
    await().atMost(WAIT).until(() -> events.outcome(reopened) != null);
    assertThat(events.outcome(reopened)).isEqualTo("continued case " + caseId);
    assertThat(api.casesOf(device)).hasSize(1);
    assertThat(api.theCase(caseId).get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(api.timelineKinds(caseId)).contains("CONTINUED");
    await().atMost(WAIT).until(() -> bodies(phone).size() == 2);
    assertThat(bodies(phone).get(1)).startsWith("Forewarn: Update on Attic AC");

    // The old episode's clear never comes; the new one's closes the case with its all-clear.
    events.insert(CaseEvents.cleared(device, restarted));
    await()
        .atMost(WAIT)
        .until(() -> bodies(phone).stream().anyMatch(b -> b.startsWith("Forewarn: All clear.")));
    assertThat(api.theCase(caseId).get("status").asText()).isEqualTo("CLEARED");
    // Replaying the first open changes nothing, and the device's next fault is a case of its own.
    events.replay(CaseEvents.opened(device));
    events.insert(CaseEvents.opened(device, restarted.plusSeconds(3600), Severity.WARNING));
    await().atMost(WAIT).until(() -> api.casesOf(device).size() == 2);
    assertThat(api.theCase(caseId).get("status").asText()).isEqualTo("CLEARED");
  }

  private List<String> bodies(String phone) {
    return TWILIO.requestsTo(phone).stream().map(r -> r.get("Body")).toList();
  }

  /**
   * A device id for which the clear's event id sorts before the open's, as PostgreSQL orders uuids:
   * intake ordered by (stored_at, event_id) takes the clear first when both share a transaction.
   */
  private static String deviceWhoseClearSortsFirst(String prefix) {
    for (int i = 0; ; i++) {
      String device = prefix + i;
      UUID open = UUID.fromString(CaseEvents.opened(device).eventId());
      UUID clear = UUID.fromString(CaseEvents.cleared(device).eventId());
      if (clear.toString().compareTo(open.toString()) < 0) {
        return device;
      }
    }
  }
}
