package dev.forewarn.outreach;

import static dev.forewarn.outreach.OutreachClient.notification;
import static dev.forewarn.outreach.OutreachClient.sent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
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
 * A provider that is down for a while or throttles: messages wait for it instead of falling back to
 * other channels or escalating, and throttled calls do not count as attempts. Retries are fast here
 * (100-300 ms), so a count of attempts would run out within a second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class ProviderOutageIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  static final AtomicInteger NEXT = new AtomicInteger(1000 + (int) (Math.random() * 8000));
  static final Duration OUTAGE = Duration.ofSeconds(4);

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
    registry.add("forewarn.outbox.backoff", () -> "100ms");
    registry.add("forewarn.outbox.max-backoff", () -> "300ms");
    registry.add("forewarn.outbox.max-attempts", () -> "3");
    registry.add("forewarn.outbox.give-up-after", () -> "1m");
    registry.add("forewarn.outbox.breaker.minimum-calls", () -> "3");
    registry.add("forewarn.outbox.breaker.open-for", () -> "1s");
  }

  @AfterAll
  static void stopStandIns() {
    TWILIO.stop();
    SMTP.stop();
  }

  @Autowired Actors actors;
  TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
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

  @Test
  void providerOutageHoldsTheQueueInsteadOfFallingBackOrEscalating() throws Exception {
    int n = NEXT.incrementAndGet();
    String device = "ac-outage-" + n;
    String phone = "+1415555" + n;
    api.owner("Ola", phone, "ola" + n + "@example.com", device, "Porch AC");
    TWILIO.failWith503(phone);

    events.insert(CaseEvents.opened(device));
    Thread.sleep(OUTAGE.toMillis()); // the provider is down this long
    TWILIO.recover(phone);

    JsonNode theCase = api.awaitCase(device, c -> sent(c, "sms", "opened"));
    assertThat(notification(theCase, "email", "opened")).isNull();
    assertThat(theCase.get("problem").isNull()).isTrue();
    assertThat(SMTP.getReceivedMessages()).isEmpty();
    assertThat(TWILIO.answeredWith(phone, 201)).isEqualTo(1);
    // The breaker let a few calls probe the provider, not one per backoff.
    assertThat(TWILIO.answeredWith(phone, 503)).isBetween(3, 8);
    assertThat(api.get("/api/agent-tasks").toString()).doesNotContain(device);
  }

  @Test
  void throttledCallsDoNotSpendAttempts() {
    int n = NEXT.incrementAndGet();
    String device = "ac-throttled-" + n;
    String phone = "+1415555" + n;
    api.owner("Tom", phone, "tom" + n + "@example.com", device, "Patio AC");
    TWILIO.failTimes(phone, 429, "error-429.json", 5);

    events.insert(CaseEvents.opened(device));

    JsonNode theCase = api.awaitCase(device, c -> sent(c, "sms", "opened"));
    assertThat(notification(theCase, "sms", "opened").get("attempts").asInt()).isEqualTo(1);
    assertThat(notification(theCase, "email", "opened")).isNull();
    assertThat(TWILIO.answeredWith(phone, 429)).isEqualTo(5);
  }
}
