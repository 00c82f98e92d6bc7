package dev.forewarn.outreach.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The service's own metrics in Micrometer's registry, scraped at {@code /actuator/prometheus}:
 * cases opened and cleared and every other timeline entry by kind (counted once their transaction
 * committed), notifications by channel and outcome at the provider, and the time from a case
 * opening to the provider accepting its first message. Dead letters by kind are {@link
 * DeadLetterGauges}.
 */
@Component
public class OutreachMetrics {

  /** The idempotency key of a case's first message: {@code case-{id}-opened-{channel}}. */
  private static final Pattern OPENED = Pattern.compile("^case-(\\d+)-opened-");

  private final MeterRegistry registry;
  private final JdbcClient jdbc;
  private final Timer caseToProvider;

  OutreachMetrics(MeterRegistry registry, JdbcClient jdbc) {
    this.registry = registry;
    this.jdbc = jdbc;
    this.caseToProvider =
        Timer.builder("forewarn.case.to.provider")
            .description("from a case opening to the provider accepting its first message")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(5))
            .maximumExpectedValue(Duration.ofHours(24))
            .register(registry);
  }

  /**
   * A timeline entry of a case ({@code OPENED}, {@code CLEARED}, {@code ESCALATED}, …), counted
   * when the caller's transaction commits; openings and clearings also as cases opened and cleared.
   */
  public void caseEvent(String kind) {
    afterCommit(
        () -> {
          Counter.builder("forewarn.case.events")
              .description("entries on case timelines, by kind")
              .tag("kind", kind)
              .register(registry)
              .increment();
          if (kind.equals("OPENED")) {
            Counter.builder("forewarn.cases.opened")
                .description("cases opened from the job's case events")
                .register(registry)
                .increment();
          } else if (kind.equals("CLEARED")) {
            Counter.builder("forewarn.cases.cleared")
                .description("cases closed because the job cleared them")
                .register(registry)
                .increment();
          }
        });
  }

  /**
   * One attempt to hand a message to a provider.
   *
   * @param outcome {@code sent}, {@code retry} (a temporary failure) or {@code refused}
   */
  void notification(String channel, String provider, String outcome) {
    Counter.builder("forewarn.notifications")
        .description("attempts to hand a message to a provider, by channel and outcome")
        .tag("channel", channel)
        .tag("provider", provider)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** The provider accepted a message; a case's first one is timed from the case's opening. */
  void accepted(String reference, Instant at) {
    Matcher opened = OPENED.matcher(reference == null ? "" : reference);
    if (!opened.find()) {
      return;
    }
    Optional<OffsetDateTime> created =
        jdbc.sql("SELECT created_at FROM cases WHERE id = :id")
            .param("id", Long.parseLong(opened.group(1)))
            .query(OffsetDateTime.class)
            .optional();
    created.ifPresent(
        start -> {
          Duration took = Duration.between(start.toInstant(), at);
          if (!took.isNegative()) {
            caseToProvider.record(took);
          }
        });
  }

  private static void afterCommit(Runnable count) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      count.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            count.run();
          }
        });
  }
}
