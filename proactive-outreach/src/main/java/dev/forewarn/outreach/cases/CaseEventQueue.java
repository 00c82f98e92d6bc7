package dev.forewarn.outreach.cases;

import dev.forewarn.rules.Severity;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The unprocessed part of {@code case_events}, in the order the job stored them. */
@Repository
class CaseEventQueue {

  private final JdbcClient jdbc;

  CaseEventQueue(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Makes intake single-file across instances until the caller's transaction ends: the opening and
   * the clearing of one case must be handled in the order they happened, never side by side.
   */
  void serialise() {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('forewarn:case-intake'))")
        .query((rs, row) -> row)
        .list();
  }

  /** Locks the oldest unprocessed events for the caller's transaction. */
  List<CaseEventRow> lockUnprocessed(int limit) {
    return jdbc.sql(
            "SELECT event_id, type, device_id, rule_id, rule_version, severity, occurred_at,"
                + " episode_start, evidence::text AS evidence, summary"
                + " FROM case_events WHERE processed_at IS NULL"
                + " ORDER BY stored_at, event_id LIMIT :limit FOR UPDATE SKIP LOCKED")
        .param("limit", limit)
        .query(
            (rs, row) ->
                new CaseEventRow(
                    rs.getObject("event_id", UUID.class),
                    EventType.valueOf(rs.getString("type")),
                    rs.getString("device_id"),
                    rs.getString("rule_id"),
                    rs.getInt("rule_version"),
                    Severity.valueOf(rs.getString("severity")),
                    rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("episode_start", OffsetDateTime.class).toInstant(),
                    rs.getString("evidence"),
                    rs.getString("summary")))
        .list();
  }

  /** Records what intake did with an event; the event is not looked at again. */
  void markProcessed(UUID eventId, IntakeOutcome outcome) {
    jdbc.sql(
            "UPDATE case_events SET processed_at = now(), outcome = :outcome, case_id = :caseId"
                + " WHERE event_id = :eventId")
        .param("outcome", outcome.description())
        .param("caseId", outcome.caseId().orElse(null))
        .param("eventId", eventId)
        .update();
  }
}
