package dev.forewarn.outreach.cases;

import dev.forewarn.rules.document.Severity;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The unprocessed part of {@code case_events}, in the order the database gave them as they were
 * inserted, and the clears and updates that wait for the open of their episode.
 */
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

  private static final String COLUMNS =
      "event_id, type, device_id, rule_id, rule_version, severity, occurred_at, episode_start,"
          + " evidence::text AS evidence, summary";

  /**
   * Locks the oldest unprocessed events for the caller's transaction, in insertion order ({@code
   * seq}): the job inserts a device's events in the order it decided them.
   */
  List<CaseEventRow> lockUnprocessed(int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM case_events WHERE processed_at IS NULL"
                + " ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED")
        .param("limit", limit)
        .query(CaseEventQueue::row)
        .list();
  }

  /**
   * Whether any clear or update waits for the open of its episode. Asked in the order of the
   * partial index {@code case_events_awaiting_open}, so that it reads that index (almost always
   * empty) even where the table has no statistics; an {@code EXISTS} would let the planner scan the
   * whole table.
   */
  boolean anyAwaitingOpen() {
    return jdbc.sql(
            "SELECT device_id FROM case_events WHERE awaiting_open"
                + " ORDER BY device_id, rule_id, episode_start LIMIT 1")
        .query(String.class)
        .optional()
        .isPresent();
  }

  /** The clears and updates of an episode that arrived before its open, in insertion order. */
  List<CaseEventRow> awaitingOpen(CaseEventRow opened) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM case_events WHERE awaiting_open AND device_id = :deviceId"
                + " AND rule_id = :ruleId AND episode_start = :episodeStart ORDER BY seq FOR UPDATE")
        .param("deviceId", opened.deviceId())
        .param("ruleId", opened.ruleId())
        .param("episodeStart", opened.episodeStart().atOffset(java.time.ZoneOffset.UTC))
        .query(CaseEventQueue::row)
        .list();
  }

  private static CaseEventRow row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new CaseEventRow(
        rs.getObject("event_id", UUID.class),
        EventType.valueOf(rs.getString("type")),
        rs.getString("device_id"),
        rs.getString("rule_id"),
        rs.getInt("rule_version"),
        Severity.valueOf(rs.getString("severity")),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getObject("episode_start", OffsetDateTime.class).toInstant(),
        rs.getString("evidence"),
        rs.getString("summary"));
  }

  /** Records what intake did with each event, in one round trip; they are not looked at again. */
  void markProcessed(List<Processed> processed) {
    if (processed.isEmpty()) {
      return;
    }
    jdbc.sql(
            "UPDATE case_events e SET processed_at = COALESCE(e.processed_at, now()),"
                + " outcome = p.outcome, case_id = p.case_id, awaiting_open = p.awaiting"
                + " FROM unnest(CAST(:eventIds AS uuid[]), CAST(:outcomes AS text[]),"
                + " CAST(:caseIds AS bigint[]), CAST(:awaiting AS boolean[]))"
                + " AS p(event_id, outcome, case_id, awaiting)"
                + " WHERE e.event_id = p.event_id")
        .param(
            "eventIds", processed.stream().map(p -> p.eventId().toString()).toArray(String[]::new))
        .param(
            "outcomes",
            processed.stream().map(p -> p.outcome().description()).toArray(String[]::new))
        .param(
            "caseIds",
            processed.stream().map(p -> p.outcome().caseId().orElse(null)).toArray(Long[]::new))
        .param(
            "awaiting",
            processed.stream().map(p -> p.outcome().awaitingOpen()).toArray(Boolean[]::new))
        .update();
  }

  /** An event and what intake did with it. */
  record Processed(UUID eventId, IntakeOutcome outcome) {}
}
