package dev.forewarn.outreach.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.forewarn.outreach.TestSchema;
import dev.forewarn.outreach.TwilioStandIn;
import dev.forewarn.outreach.TwilioWebhooks;
import dev.forewarn.outreach.notify.ChannelKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service's own dispatch: a backlog woken by one {@code NOTIFY outbox} is sent by several
 * workers at once, each message exactly once. Polling is slowed to a minute, so only the
 * notification and the workers calling each other in can get the backlog out in time.
 */
@SpringBootTest
@Import(TestSchema.DropOnClose.class)
@DirtiesContext
class DispatchWorkersIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final int DELAY_MILLIS = 300;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    TWILIO.register(registry);
    registry.add("forewarn.outbox.poll-interval", () -> "1m");
    registry.add("forewarn.outbox.workers", () -> "4");
    registry.add("forewarn.outreach.public-url", () -> TwilioWebhooks.PUBLIC_URL);
  }

  @AfterAll
  static void stopStandIn() {
    TWILIO.stop();
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired OutboxRepository outbox;

  @Test
  void aBacklogIsSentBySeveralWorkersAtOnceEachMessageExactlyOnce() {
    TWILIO.acceptEverythingSlowly(DELAY_MILLIS);
    long caseId = openCase();
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String phone = "+1415557" + String.format("%04d", i);
      phones.add(phone);
      outbox.add(
          new NewOutboxMessage(
              caseId,
              "step-" + i,
              ChannelKind.SMS,
              phone,
              Optional.empty(),
              "hi",
              Optional.empty()));
    }

    jdbc.execute("NOTIFY outbox");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT count(*) FROM outbox WHERE case_id = ? AND status = 'SENT'",
                        Integer.class,
                        caseId)
                    == phones.size());
    List<ServeEvent> requests = new ArrayList<>();
    for (String phone : phones) {
      assertThat(TWILIO.sentTo(phone)).as("requests to %s", phone).hasSize(1);
      requests.addAll(TWILIO.sentTo(phone));
    }
    assertThat(
            jdbc.queryForList(
                "SELECT attempts FROM outbox WHERE case_id = ?", Integer.class, caseId))
        .containsOnly(1);
    // One worker would leave at least the stand-in's delay between two arrivals.
    requests.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
    long overlapping = 0;
    for (int i = 1; i < requests.size(); i++) {
      long gap =
          requests.get(i).getRequest().getLoggedDate().getTime()
              - requests.get(i - 1).getRequest().getLoggedDate().getTime();
      if (gap < DELAY_MILLIS / 2) {
        overlapping++;
      }
    }
    assertThat(overlapping).as("requests that arrived while another was in hand").isGreaterThan(0);
  }

  @Test
  void aSlowProviderCallDoesNotHoldUpMessagesQueuedAfterIt() {
    TWILIO.reset();
    String slow = "+14155580001";
    String quick = "+14155580002";
    TWILIO.acceptSlowly(slow, 8_000);
    long caseId = openCase();
    long slowId = queue(caseId, slow);
    jdbc.execute("NOTIFY outbox");
    await().atMost(Duration.ofSeconds(5)).until(() -> status(slowId).equals("SENDING"));

    long quickId = queue(caseId, quick);
    jdbc.execute("NOTIFY outbox");

    await().atMost(Duration.ofSeconds(30)).until(() -> status(quickId).equals("SENT"));
    assertThat(status(slowId)).as("the slow message, still with the provider").isEqualTo("SENDING");
    await().atMost(Duration.ofSeconds(30)).until(() -> status(slowId).equals("SENT"));
    assertThat(TWILIO.sentTo(slow)).hasSize(1);
    assertThat(TWILIO.sentTo(quick)).hasSize(1);
  }

  private long queue(long caseId, String phone) {
    outbox.add(
        new NewOutboxMessage(
            caseId,
            "step-" + phone,
            ChannelKind.SMS,
            phone,
            Optional.empty(),
            "hi",
            Optional.empty()));
    return jdbc.queryForObject(
        "SELECT id FROM outbox WHERE case_id = ? AND recipient = ?", Long.class, caseId, phone);
  }

  private String status(long outboxId) {
    return jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, outboxId);
  }

  private long openCase() {
    return jdbc.queryForObject(
        "INSERT INTO cases (device_id, rule_id, rule_version, severity, status, episode_start,"
            + " opened_at, summary) VALUES (?, 'overheat', 1, 'WARNING', 'OPEN', now(), now(),"
            + " 'too hot') RETURNING id",
        Long.class,
        "ac-" + UUID.randomUUID());
  }
}
