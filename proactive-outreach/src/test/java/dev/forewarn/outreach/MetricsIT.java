package dev.forewarn.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service's metrics as Prometheus scrapes them, after a real case went through intake and the
 * outbox: cases opened and cleared, notifications by channel and outcome, the case-to-provider
 * histogram, and dead letters by kind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot's tests switch metrics export off unless asked; the scrape endpoint needs it.
@AutoConfigureObservability(tracing = false)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class MetricsIT {

  static final TestSchema SCHEMA = new TestSchema();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aCaseAndItsMessageShowInTheScrape() {
    String device = "ac-metrics-" + UUID.randomUUID().toString().substring(0, 8);
    OutreachClient api = new OutreachClient(actors.manager());
    api.owner("Dae", "+821055520001", null, device, "Hall AC");
    CaseEvents events = new CaseEvents(jdbc);
    jdbc.update(
        "INSERT INTO dead_letters (received_at, topic, reason, payload) VALUES (?, ?, ?, ?)",
        OffsetDateTime.parse("2026-11-22T10:00:00Z"),
        "devices/" + device + "/telemetry",
        "seq: must not be negative (-1)",
        "{}");

    events.insert(CaseEvents.opened(device));
    api.awaitCase(device, c -> OutreachClient.sent(c, "sms", "opened"));
    events.insert(CaseEvents.cleared(device));
    api.awaitCase(device, c -> c.get("status").asText().equals("CLEARED"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String scrape = actors.manager().getForObject("/actuator/prometheus", String.class);
              assertThat(value(scrape, "forewarn_cases_opened_total")).isEqualTo(1.0);
              assertThat(value(scrape, "forewarn_cases_cleared_total")).isEqualTo(1.0);
              assertThat(value(scrape, "forewarn_case_events_total\\{kind=\"MESSAGE_SENT\"}"))
                  .isGreaterThanOrEqualTo(1.0);
              assertThat(
                      value(
                          scrape,
                          "forewarn_notifications_total\\{channel=\"sms\",outcome=\"sent\","
                              + "provider=\"sandbox\"}"))
                  .isGreaterThanOrEqualTo(1.0);
              assertThat(value(scrape, "forewarn_case_to_provider_seconds_count"))
                  .isGreaterThanOrEqualTo(1.0);
              assertThat(scrape).contains("forewarn_case_to_provider_seconds_bucket{le=");
              assertThat(value(scrape, "forewarn_dead_letters\\{kind=\"seq\"}")).isEqualTo(1.0);
            });
  }

  private static double value(String scrape, String series) {
    Matcher line =
        Pattern.compile("^" + series + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(scrape);
    assertThat(line.find())
        .as(
            "%s in the scrape (%s chars: %s), whose forewarn lines are:%n%s",
            series,
            scrape.length(),
            scrape.substring(0, Math.min(600, scrape.length())),
            scrape.lines().filter(l -> l.startsWith("forewarn")).toList())
        .isTrue();
    return Double.parseDouble(line.group(1));
  }
}
