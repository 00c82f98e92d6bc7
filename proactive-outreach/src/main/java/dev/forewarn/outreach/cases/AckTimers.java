package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.agents.AgentTasks;
import dev.forewarn.outreach.outbox.OutboxRepository;
import dev.forewarn.outreach.templates.Step;
import dev.forewarn.outreach.timeline.Timeline;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acts on cases the customer has not acknowledged within the acknowledgement window: first a
 * reminder on the channel that worked, then, after another window, an escalation to the agent
 * queue. Snoozed cases wait; cases locked by another instance are skipped. A case grouped into
 * another case's message is covered by its lead's reminder while the lead is open, and gets its own
 * afterwards.
 */
@Component
class AckTimers {

  private static final Logger log = LoggerFactory.getLogger(AckTimers.class);

  /**
   * A case that rode in another case's message is reminded and escalated through its lead while the
   * lead is open; once the lead has cleared or been resolved it is on its own.
   */
  private static final String ON_ITS_OWN =
      "(c.group_lead IS NULL OR NOT EXISTS (SELECT 1 FROM cases l WHERE l.id = c.group_lead"
          + " AND l.status = 'OPEN'))";

  private final JdbcClient jdbc;
  private final CaseThread thread;
  private final ThreadProgress progress;
  private final AgentTasks agents;
  private final Timeline timeline;
  private final OutboxRepository outbox;
  private final TransactionTemplate tx;

  AckTimers(
      JdbcClient jdbc,
      CaseThread thread,
      ThreadProgress progress,
      AgentTasks agents,
      Timeline timeline,
      OutboxRepository outbox,
      TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.thread = thread;
    this.progress = progress;
    this.agents = agents;
    this.timeline = timeline;
    this.outbox = outbox;
    this.tx = tx;
  }

  /** Handles every case whose window ran out; returns how soon to look again. */
  Optional<Duration> run() {
    tx.executeWithoutResult(
        status -> {
          shareWindowsWithGroupedCases();
          due().forEach(this::act);
        });
    return jdbc.sql(
            "SELECT CAST(EXTRACT(EPOCH FROM min(ack_due_at) - now()) * 1000 AS bigint)"
                + " FROM cases c WHERE status = 'OPEN' AND acknowledged_at IS NULL"
                + " AND escalated_at IS NULL AND "
                + ON_ITS_OWN)
        .query(
            (rs, row) -> {
              long millis = rs.getLong(1);
              return rs.wasNull()
                  ? Optional.<Duration>empty()
                  : Optional.of(Duration.ofMillis(Math.max(0, millis)));
            })
        .single();
  }

  /**
   * A grouped message starts the window of every case in it: the cases that rode in a lead's
   * message take the lead's deadline. Done here, every few seconds, rather than with every message
   * sent, where a look for grouped cases would cost each message a statement.
   */
  private void shareWindowsWithGroupedCases() {
    jdbc.sql(
            "UPDATE cases c SET ack_due_at = l.ack_due_at FROM cases l"
                + " WHERE c.group_lead IS NOT NULL AND l.id = c.group_lead"
                + " AND c.ack_due_at IS NULL AND c.acknowledged_at IS NULL AND c.status = 'OPEN'"
                + " AND l.ack_due_at IS NOT NULL")
        .update();
  }

  private List<Due> due() {
    return jdbc.sql(
            "SELECT id, reminded_at IS NOT NULL AS reminded FROM cases c"
                + " WHERE status = 'OPEN' AND acknowledged_at IS NULL AND escalated_at IS NULL"
                + " AND ack_due_at <= now() AND "
                + ON_ITS_OWN
                + " AND (snoozed_until IS NULL OR snoozed_until <= now())"
                + " ORDER BY ack_due_at LIMIT 100 FOR UPDATE SKIP LOCKED")
        .query((rs, row) -> new Due(rs.getLong("id"), rs.getBoolean("reminded")))
        .list();
  }

  private void act(Due due) {
    if (!due.reminded()) {
      Duration window = progress.ackWindow(thread.severity(due.caseId()));
      jdbc.sql(
              "UPDATE cases SET reminded_at = now(), ack_due_at = now() + :millis"
                  + " * interval '1 ms' WHERE id = :id")
          .param("millis", window.toMillis())
          .param("id", due.caseId())
          .update();
      int position = thread.workingPosition(due.caseId()).orElse(0);
      timeline.add(due.caseId(), "REMINDER", "not acknowledged within the window; reminding");
      thread.queue(due.caseId(), Step.REMINDER, Step.REMINDER.code(), position, null);
      outbox.wakeDispatchers();
      log.info("reminder case_id={}", due.caseId());
      return;
    }
    jdbc.sql("UPDATE cases SET ack_due_at = NULL WHERE id = :id")
        .param("id", due.caseId())
        .update();
    agents.open(
        due.caseId(), AgentTasks.ESCALATION, "not acknowledged after a reminder; please call");
    log.info("escalated case_id={}", due.caseId());
  }

  private record Due(long caseId, boolean reminded) {}
}
