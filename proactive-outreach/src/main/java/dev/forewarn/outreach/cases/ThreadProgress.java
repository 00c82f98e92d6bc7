package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.agents.AgentTasks;
import dev.forewarn.outreach.config.OutreachProperties;
import dev.forewarn.outreach.outbox.ClaimedMessage;
import dev.forewarn.outreach.outbox.OutboxEvents;
import dev.forewarn.outreach.outbox.OutboxRepository;
import dev.forewarn.outreach.outbox.OutboxRow;
import dev.forewarn.outreach.templates.Step;
import dev.forewarn.outreach.timeline.Timeline;
import dev.forewarn.rules.document.Severity;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves a case thread on from what really happened to its messages: a message that cannot be
 * delivered sends the same step down the route at once; when the route is used up, an agent is
 * asked to step in. The first message that goes out starts the acknowledgement window, for the case
 * and for the cases that rode in its message.
 */
@Component
class ThreadProgress implements OutboxEvents {

  private static final Logger log = LoggerFactory.getLogger(ThreadProgress.class);

  private final JdbcClient jdbc;
  private final CaseThread thread;
  private final Timeline timeline;
  private final AgentTasks agents;
  private final OutboxRepository outbox;
  private final OutreachProperties properties;

  ThreadProgress(
      JdbcClient jdbc,
      CaseThread thread,
      Timeline timeline,
      AgentTasks agents,
      OutboxRepository outbox,
      OutreachProperties properties) {
    this.jdbc = jdbc;
    this.thread = thread;
    this.timeline = timeline;
    this.agents = agents;
    this.outbox = outbox;
    this.properties = properties;
  }

  @Override
  public void sent(ClaimedMessage m, String provider, String providerId, boolean reconciled) {
    long caseId = m.caseId().orElseThrow();
    timeline.add(
        caseId,
        "MESSAGE_SENT",
        m.channel().code(),
        m.step()
            + " accepted by "
            + provider
            + " as "
            + providerId
            + (reconciled ? " (found at the provider after an interrupted attempt)" : ""),
        m.id());
    boolean aboutOpenCase =
        m.step().equals(Step.OPENED.code())
            || m.step().equals(Step.REMINDER.code())
            || m.step().startsWith(Step.UPDATED.code() + "-");
    if (!aboutOpenCase) {
      return;
    }
    CaseState state =
        jdbc.sql("SELECT severity, status FROM cases WHERE id = :id")
            .param("id", caseId)
            .query(
                (rs, row) ->
                    new CaseState(
                        Severity.valueOf(rs.getString("severity")), rs.getString("status")))
            .single();
    // Found at the provider or reported by a callback after the case cleared: the customer has
    // the alarm, so the all-clear follows on the same channel.
    if (state.status().equals("CLEARED")
        && m.routePosition().isPresent()
        && thread.queue(
            caseId, Step.ALL_CLEAR, Step.ALL_CLEAR.code(), m.routePosition().get(), null)) {
      outbox.wakeDispatchers();
    }
    if (m.step().equals(Step.OPENED.code())) {
      jdbc.sql(
              "UPDATE cases SET ack_due_at = now() + :millis * interval '1 ms'"
                  + " WHERE id = :id AND ack_due_at IS NULL AND acknowledged_at IS NULL")
          .param("millis", ackWindow(state.severity()).toMillis())
          .param("id", caseId)
          .update();
    }
  }

  private record CaseState(Severity severity, String status) {}

  @Override
  public void undeliverable(OutboxRow row, String reason) {
    timeline.add(row.caseId(), "MESSAGE_FAILED", row.channel().code(), reason, row.id());
    Optional<Step> step = Step.ofOutboxStep(row.step());
    if (row.routePosition().isEmpty() || step.isEmpty()) {
      return;
    }
    int next = row.routePosition().get() + 1;
    while (thread.routeStep(row.caseId(), next).isPresent()) {
      if (thread.queue(row.caseId(), step.get(), row.step(), next, null)) {
        timeline.add(
            row.caseId(),
            "FALLBACK",
            thread.routeStep(row.caseId(), next).map(s -> s.channel().code()).orElse(null),
            row.step() + " moves from " + row.channel().code() + " to the next channel",
            null);
        outbox.wakeDispatchers();
        log.info("fallback case_id={} step={} position={}", row.caseId(), row.step(), next);
        return;
      }
      if (thread.inHand(row.caseId(), row.step(), next)) {
        return;
      }
      // That place was tried before and did not reach the customer: on to the one after it.
      next++;
    }
    if (step.get() != Step.ALL_CLEAR) {
      String problem = "no channel reached the customer: " + reason;
      jdbc.sql("UPDATE cases SET problem = :problem WHERE id = :id")
          .param("problem", problem)
          .param("id", row.caseId())
          .update();
      agents.open(row.caseId(), AgentTasks.ESCALATION, problem);
    }
  }

  @Override
  public void unconfirmed(ClaimedMessage m, String reason) {
    long caseId = m.caseId().orElseThrow();
    timeline.add(caseId, "MESSAGE_UNCONFIRMED", m.channel().code(), reason, m.id());
    jdbc.sql("UPDATE cases SET problem = :problem WHERE id = :id AND problem IS NULL")
        .param("problem", "delivery not confirmed; it may or may not have reached the customer")
        .param("id", caseId)
        .update();
  }

  @Override
  public void deferred(ClaimedMessage m, String reason) {
    timeline.add(m.caseId().orElseThrow(), "MESSAGE_DEFERRED", m.channel().code(), reason, m.id());
  }

  @Override
  public void cancelled(ClaimedMessage m, String reason) {
    long caseId = m.caseId().orElseThrow();
    timeline.add(caseId, "MESSAGE_NOT_SENT", m.channel().code(), reason, m.id());
    if (reason.contains("budget")) {
      jdbc.sql("UPDATE cases SET problem = :problem WHERE id = :id AND problem IS NULL")
          .param("problem", reason)
          .param("id", caseId)
          .update();
    }
  }

  @Override
  public void delivery(OutboxRow row, String state, String detail) {
    timeline.add(row.caseId(), "DELIVERY", row.channel().code(), state + detail, row.id());
  }

  Duration ackWindow(Severity severity) {
    return severity == Severity.CRITICAL ? properties.criticalAckWindow() : properties.ackWindow();
  }
}
