package dev.forewarn.outreach.cases;

import dev.forewarn.rules.document.Severity;
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

  /** Records what intake did with each event, in one round trip; they are not looked at again. */
  void markProcessed(List<Processed> processed) {
    if (processed.isEmpty()) {
      return;
    }
    jdbc.sql(
            "UPDATE case_events e SET processed_at = now(), outcome = p.outcome,"
                + " case_id = p.case_id"
                + " FROM unnest(CAST(:eventIds AS uuid[]), CAST(:outcomes AS text[]),"
                + " CAST(:caseIds AS bigint[])) AS p(event_id, outcome, case_id)"
                + " WHERE e.event_id = p.event_id")
        .param(
            "eventIds", processed.stream().map(p -> p.eventId().toString()).toArray(String[]::new))
        .param(
            "outcomes",
            processed.stream().map(p -> p.outcome().description()).toArray(String[]::new))
        .param(
            "caseIds",
            processed.stream().map(p -> p.outcome().caseId().orElse(null)).toArray(Long[]::new))
        .update();
  }

  /** An event and what intake did with it. */
  record Processed(UUID eventId, IntakeOutcome outcome) {}
}
