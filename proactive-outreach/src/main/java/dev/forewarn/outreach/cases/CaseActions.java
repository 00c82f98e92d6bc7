package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.agents.AgentTasks;
import dev.forewarn.outreach.config.OutreachProperties;
import dev.forewarn.outreach.outbox.OutboxRepository;
import dev.forewarn.outreach.templates.Step;
import dev.forewarn.outreach.timeline.Timeline;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What customers and agents do to a case: acknowledge it, ask for a visit, snooze reminders, rate
 * the service, resolve it. An action on the lead case of a grouped message applies to the cases
 * grouped into it too. Each action is one transaction, recorded on the timeline.
 */
@Service
public class CaseActions {

  private final JdbcClient jdbc;
  private final Timeline timeline;
  private final AgentTasks agents;
  private final CaseThread thread;
  private final OutboxRepository outbox;
  private final OutreachProperties properties;

  CaseActions(
      JdbcClient jdbc,
      Timeline timeline,
      AgentTasks agents,
      CaseThread thread,
      OutboxRepository outbox,
      OutreachProperties properties) {
    this.jdbc = jdbc;
    this.timeline = timeline;
    this.agents = agents;
    this.thread = thread;
    this.outbox = outbox;
    this.properties = properties;
  }

  /** The latest case thread whose SMS reached a number, as {@code (case id, status)}. */
  public Optional<ThreadRef> latestThreadFor(String phone) {
    return jdbc.sql(
            "SELECT c.id, c.status, c.satisfaction FROM outbox o JOIN cases c ON c.id = o.case_id"
                + " WHERE o.channel = 'sms' AND o.recipient = :phone AND o.status = 'SENT'"
                + " ORDER BY o.sent_at DESC, o.id DESC LIMIT 1")
        .param("phone", phone)
        .query(
            (rs, row) -> {
              rs.getInt("satisfaction");
              boolean scored = !rs.wasNull();
              return new ThreadRef(rs.getLong("id"), rs.getString("status"), scored);
            })
        .optional();
  }

  @Transactional
  public void reply(long caseId, String from, String body) {
    timeline.add(caseId, "REPLY", "sms", "customer replied \"" + body + "\"", null);
  }

  @Transactional
  public void acknowledge(long caseId, String via) {
    int changed =
        jdbc.sql(
                "UPDATE cases SET acknowledged_at = now() WHERE (id = :id OR group_lead = :id)"
                    + " AND acknowledged_at IS NULL")
            .param("id", caseId)
            .update();
    if (changed > 0) {
      timeline.add(caseId, "ACKNOWLEDGED", "acknowledged " + via);
    }
  }

  @Transactional
  public void book(long caseId, String via) {
    agents.open(caseId, AgentTasks.BOOKING, "the customer asked for a visit " + via);
    acknowledge(caseId, via);
  }

  @Transactional
  public void snooze(long caseId, String via) {
    Instant until = Instant.now().plus(properties.snooze());
    jdbc.sql(
            "UPDATE cases SET snoozed_until = :until,"
                + " ack_due_at = GREATEST(ack_due_at, :until) WHERE id = :id OR group_lead = :id")
        .param("until", until.atOffset(java.time.ZoneOffset.UTC))
        .param("id", caseId)
        .update();
    timeline.add(caseId, "SNOOZED", "reminders snoozed until " + until + " " + via);
  }

  /** Records a satisfaction score of 1 to 5 on a resolved case; false when it has one. */
  @Transactional
  public boolean score(long caseId, int score, String via) {
    boolean stored =
        jdbc.sql(
                    "UPDATE cases SET satisfaction = :score WHERE id = :id"
                        + " AND status = 'RESOLVED' AND satisfaction IS NULL")
                .param("score", score)
                .param("id", caseId)
                .update()
            == 1;
    if (stored) {
      timeline.add(caseId, "FEEDBACK", "satisfaction " + score + " of 5 " + via);
    }
    return stored;
  }

  /**
   * Resolves a case: its agent tasks are done and a one-question survey goes out on the channel
   * that worked.
   *
   * @return false when there is no such case or it was resolved before
   */
  @Transactional
  public boolean resolve(long caseId, String by) {
    boolean resolved =
        jdbc.sql(
                    "UPDATE cases SET status = 'RESOLVED', resolved_at = now()"
                        + " WHERE id = :id AND status <> 'RESOLVED'")
                .param("id", caseId)
                .update()
            == 1;
    if (!resolved) {
      return false;
    }
    agents.closeAll(caseId);
    timeline.add(caseId, "RESOLVED", "resolved " + by);
    thread
        .workingPosition(caseId)
        .ifPresent(p -> thread.queue(caseId, Step.SURVEY, Step.SURVEY.code(), p, null));
    outbox.wakeDispatchers();
    return true;
  }

  /**
   * The thread a reply acts on.
   *
   * @param caseId the case the latest SMS was about
   * @param status its status
   * @param scored whether it already has a satisfaction score
   */
  public record ThreadRef(long caseId, String status, boolean scored) {}
}
