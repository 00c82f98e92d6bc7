package dev.forewarn.outreach.agents;

import dev.forewarn.outreach.timeline.Timeline;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The agent_tasks table; opening a task joins the caller's transaction. */
@Repository
public class AgentTasks {

  /** A visit the customer asked for. */
  public static final String BOOKING = "BOOKING";

  /** A case that needs a person: not acknowledged, or nobody could be reached. */
  public static final String ESCALATION = "ESCALATION";

  private final JdbcClient jdbc;
  private final Timeline timeline;

  AgentTasks(JdbcClient jdbc, Timeline timeline) {
    this.jdbc = jdbc;
    this.timeline = timeline;
  }

  /**
   * Opens a task for a case unless one of the kind exists, and records it on the timeline.
   *
   * @return whether a task was opened
   */
  public boolean open(long caseId, String kind, String reason) {
    boolean opened =
        jdbc.sql(
                    "INSERT INTO agent_tasks (case_id, kind, reason) VALUES (:caseId, :kind, :reason)"
                        + " ON CONFLICT (case_id, kind) DO NOTHING")
                .param("caseId", caseId)
                .param("kind", kind)
                .param("reason", reason)
                .update()
            == 1;
    if (opened) {
      timeline.add(caseId, kind.equals(BOOKING) ? "BOOKED" : "ESCALATED", reason);
      if (kind.equals(ESCALATION)) {
        jdbc.sql("UPDATE cases SET escalated_at = now() WHERE id = :id")
            .param("id", caseId)
            .update();
      }
    }
    return opened;
  }

  /** Closes every open task of a case. */
  public void closeAll(long caseId) {
    jdbc.sql("UPDATE agent_tasks SET status = 'DONE' WHERE case_id = :id AND status = 'OPEN'")
        .param("id", caseId)
        .update();
  }

  public List<AgentTask> list(String status, int limit) {
    return jdbc.sql(
            "SELECT id, case_id, kind, status, reason, created_at FROM agent_tasks"
                + " WHERE status = :status ORDER BY id LIMIT :limit")
        .param("status", status)
        .param("limit", limit)
        .query(
            (rs, row) ->
                new AgentTask(
                    rs.getLong("id"),
                    rs.getLong("case_id"),
                    rs.getString("kind"),
                    rs.getString("status"),
                    rs.getString("reason"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** A task as stored. */
  public record AgentTask(
      long id,
      long caseId,
      String kind,
      String status,
      String reason,
      java.time.Instant createdAt) {}
}
