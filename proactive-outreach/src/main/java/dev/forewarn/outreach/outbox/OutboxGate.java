package dev.forewarn.outreach.outbox;

import dev.forewarn.outreach.config.OutreachProperties;
import dev.forewarn.outreach.preferences.QuietHours;
import dev.forewarn.rules.document.Severity;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Decides, at the moment a proactive message would leave, whether it still should: not after STOP
 * or an opt-out, not about a case that has cleared, not in the customer's quiet hours (unless
 * critical cases override them), and not beyond the notification budget per customer per day and
 * per device per week. Deciding late, not when the message was queued, means a clear, a STOP or an
 * acknowledgement that arrives in between is honoured. Runs in the caller's transaction.
 */
@Component
class OutboxGate {

  private static final Set<String> ABOUT_AN_OPEN_CASE = Set.of("opened", "reminder");

  private final JdbcClient jdbc;
  private final OutreachProperties properties;

  OutboxGate(JdbcClient jdbc, OutreachProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  GateDecision decide(ClaimedMessage message) {
    if (message.customerId().isEmpty()) {
      return GateDecision.SEND;
    }
    Facts facts = facts(message);
    if (facts.stopped()) {
      return GateDecision.cancel("not sent: the customer replied STOP", false);
    }
    if (facts.optedOut()) {
      return GateDecision.cancel(
          "not sent: the customer opted out of " + message.channel().code(), true);
    }
    boolean aboutOpenCase =
        ABOUT_AN_OPEN_CASE.contains(message.step()) || message.step().startsWith("updated");
    if (aboutOpenCase && !facts.anyOpen()) {
      return GateDecision.cancel("not sent: the case cleared before it was sent", false);
    }
    if (message.step().equals("reminder") && facts.acknowledged()) {
      return GateDecision.cancel("not sent: the customer acknowledged the case", false);
    }
    if (facts.quiet() != null) {
      var until = facts.quiet().deferUntil(Instant.now(), facts.zone(), facts.severity());
      if (until.isPresent()) {
        return GateDecision.defer(until.get(), "quiet hours until " + until.get());
      }
    }
    return facts.severity() == Severity.CRITICAL ? GateDecision.SEND : budget(message, facts);
  }

  /**
   * Counts one notification per case step (a fallback to another channel is the same notification),
   * under a per-customer lock so that racing dispatchers cannot both take the last unit of budget.
   */
  private GateDecision budget(ClaimedMessage message, Facts facts) {
    long customerId = message.customerId().get();
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('forewarn:budget:' || :id, 0))")
        .param("id", customerId)
        .query((rs, row) -> row)
        .list();
    boolean counted =
        jdbc.sql(
                    "SELECT count(*) FROM outbox WHERE case_id = :caseId AND step = :step"
                        + " AND budget_used_at IS NOT NULL")
                .param("caseId", message.caseId().orElseThrow())
                .param("step", message.step())
                .query(Long.class)
                .single()
            > 0;
    if (!counted) {
      long today =
          jdbc.sql(
                  "SELECT count(DISTINCT (case_id, step)) FROM outbox WHERE customer_id = :id"
                      + " AND budget_used_at > now() - interval '1 day'")
              .param("id", customerId)
              .query(Long.class)
              .single();
      if (today >= properties.budgetPerCustomerPerDay()) {
        return GateDecision.cancel(
            "not sent: budget of "
                + properties.budgetPerCustomerPerDay()
                + " notifications per customer per day used up",
            false);
      }
      long week =
          jdbc.sql(
                  "SELECT count(DISTINCT (o.case_id, o.step)) FROM outbox o"
                      + " JOIN cases c ON c.id = o.case_id WHERE c.device_id = :device"
                      + " AND o.budget_used_at > now() - interval '7 days'")
              .param("device", facts.deviceId())
              .query(Long.class)
              .single();
      if (week >= properties.budgetPerDevicePerWeek()) {
        return GateDecision.cancel(
            "not sent: budget of "
                + properties.budgetPerDevicePerWeek()
                + " notifications per device per week used up",
            false);
      }
    }
    jdbc.sql("UPDATE outbox SET budget_used_at = COALESCE(budget_used_at, now()) WHERE id = :id")
        .param("id", message.id())
        .update();
    return GateDecision.SEND;
  }

  private Facts facts(ClaimedMessage message) {
    return jdbc.sql(
            "SELECT c.severity, c.device_id, c.acknowledged_at IS NOT NULL AS acknowledged,"
                + " EXISTS (SELECT 1 FROM cases g WHERE (g.id = c.id OR g.group_lead = c.id)"
                + "  AND g.status = 'OPEN') AS any_open,"
                + " cu.stopped_at IS NOT NULL AS stopped,"
                + " :channel = ANY (cu.opted_out_channels) AS opted_out, cu.time_zone,"
                + " cu.quiet_start, cu.quiet_end, cu.critical_overrides_quiet"
                + " FROM cases c, customers cu WHERE c.id = :caseId AND cu.id = :customerId")
        .param("channel", message.channel().code())
        .param("caseId", message.caseId().orElseThrow())
        .param("customerId", message.customerId().get())
        .query(
            (rs, row) -> {
              LocalTime start = rs.getObject("quiet_start", LocalTime.class);
              LocalTime end = rs.getObject("quiet_end", LocalTime.class);
              return new Facts(
                  Severity.valueOf(rs.getString("severity")),
                  rs.getString("device_id"),
                  rs.getBoolean("acknowledged"),
                  rs.getBoolean("any_open"),
                  rs.getBoolean("stopped"),
                  rs.getBoolean("opted_out"),
                  ZoneId.of(rs.getString("time_zone")),
                  start == null
                      ? null
                      : new QuietHours(start, end, rs.getBoolean("critical_overrides_quiet")));
            })
        .single();
  }

  private record Facts(
      Severity severity,
      String deviceId,
      boolean acknowledged,
      boolean anyOpen,
      boolean stopped,
      boolean optedOut,
      ZoneId zone,
      QuietHours quiet) {}
}
