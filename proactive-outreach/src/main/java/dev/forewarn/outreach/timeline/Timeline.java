package dev.forewarn.outreach.timeline;

import dev.forewarn.outreach.metrics.OutreachMetrics;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Appends to and reads case timelines; appending joins the caller's transaction, and each entry is
 * counted by kind once that transaction commits.
 */
@Repository
public class Timeline {

  private final JdbcClient jdbc;
  private final OutreachMetrics metrics;

  Timeline(JdbcClient jdbc, OutreachMetrics metrics) {
    this.jdbc = jdbc;
    this.metrics = metrics;
  }

  public void add(long caseId, String kind, String detail) {
    add(caseId, kind, null, detail, null);
  }

  public void add(long caseId, String kind, String channel, String detail, Long outboxId) {
    jdbc.sql(
            "INSERT INTO case_timeline (case_id, kind, channel, detail, outbox_id)"
                + " VALUES (:caseId, :kind, :channel, :detail, :outboxId)")
        .param("caseId", caseId)
        .param("kind", kind)
        .param("channel", channel)
        .param("detail", detail)
        .param("outboxId", outboxId)
        .update();
    metrics.caseEvent(kind);
  }

  /** The case's events in the order they were recorded. */
  public List<TimelineEntry> of(long caseId) {
    return jdbc.sql(
            "SELECT id, at, kind, channel, detail, outbox_id FROM case_timeline"
                + " WHERE case_id = :caseId ORDER BY id")
        .param("caseId", caseId)
        .query(
            (rs, row) ->
                new TimelineEntry(
                    rs.getLong("id"),
                    rs.getObject("at", OffsetDateTime.class).toInstant(),
                    rs.getString("kind"),
                    rs.getString("channel"),
                    rs.getString("detail"),
                    rs.getObject("outbox_id", Long.class)))
        .list();
  }
}
