package dev.forewarn.outreach.cases;

import dev.forewarn.rules.document.Severity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes to the cases table; its unique keys make opening a case idempotent. */
@Repository
class CaseRepository {

  private final JdbcClient jdbc;

  CaseRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Opens a case for the event unless the same case exists (device + rule + episode start) or
   * another case is open for the device and rule.
   *
   * @return the new case's id, empty when nothing was opened
   */
  Optional<Long> open(CaseEventRow event, Optional<Long> customerId, Optional<String> problem) {
    return jdbc.sql(
            "INSERT INTO cases (device_id, rule_id, rule_version, severity, status, episode_start,"
                + " opened_at, summary, evidence, customer_id, problem, eta)"
                + " SELECT :deviceId, :ruleId, :ruleVersion, :severity, 'OPEN', :episodeStart,"
                + " :openedAt, :summary, CAST(:evidence AS jsonb), :customerId, :problem, :eta"
                + " WHERE NOT EXISTS (SELECT 1 FROM cases WHERE device_id = :deviceId"
                + "  AND rule_id = :ruleId AND followed_episode = :episodeStart)"
                + " ON CONFLICT DO NOTHING RETURNING id")
        .param("deviceId", event.deviceId())
        .param("ruleId", event.ruleId())
        .param("ruleVersion", event.ruleVersion())
        .param("severity", event.severity().name())
        .param("episodeStart", utc(event.episodeStart()))
        .param("openedAt", utc(event.occurredAt()))
        .param("summary", event.summary())
        .param("evidence", event.evidence())
        .param("customerId", customerId.orElse(null))
        .param("problem", problem.orElse(null))
        .param(
            "eta",
            Eta.fromEvidence(event.evidence(), event.occurredAt())
                .map(CaseRepository::utc)
                .orElse(null))
        .query(Long.class)
        .optional();
  }

  /**
   * The case that stopped an event from opening one: the one of the same episode (its own or
   * followed), else the open one.
   */
  Optional<Long> conflicting(CaseEventRow event) {
    return jdbc.sql(
            "SELECT id FROM cases WHERE device_id = :deviceId AND rule_id = :ruleId"
                + " AND (episode_start = :episodeStart OR followed_episode = :episodeStart"
                + "  OR status = 'OPEN')"
                + " ORDER BY (episode_start = :episodeStart"
                + "  OR COALESCE(followed_episode = :episodeStart, false)) DESC LIMIT 1")
        .param("deviceId", event.deviceId())
        .param("ruleId", event.ruleId())
        .param("episodeStart", utc(event.episodeStart()))
        .query(Long.class)
        .optional();
  }

  /** Whether a case of the event's episode (device, rule, episode start) was ever opened. */
  boolean episodeKnown(CaseEventRow event) {
    return jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM cases WHERE device_id = :deviceId AND rule_id = :ruleId"
                + " AND (episode_start = :episodeStart OR followed_episode = :episodeStart))")
        .param("deviceId", event.deviceId())
        .param("ruleId", event.ruleId())
        .param("episodeStart", utc(event.episodeStart()))
        .query(Boolean.class)
        .single();
  }

  /**
   * Takes an update's evidence, ETA, severity and summary into the open case of its episode.
   *
   * @return the case and the severity it had before, empty when no such case is open
   */
  Optional<Updated> update(CaseEventRow event) {
    return takeEvidence(
        event,
        "UPDATE cases c SET severity = :severity, evidence = CAST(:evidence AS jsonb),"
            + " summary = :summary, eta = :eta, updated_at = :at"
            + " FROM (SELECT id, severity FROM cases WHERE device_id = :deviceId"
            + "  AND rule_id = :ruleId AND status = 'OPEN'"
            + "  AND (episode_start = :episodeStart OR followed_episode = :episodeStart)"
            + "  FOR UPDATE) old WHERE c.id = old.id RETURNING c.id, old.severity");
  }

  /**
   * Lets the open case of the event's device and rule follow the event's later episode: the job
   * opens a new episode while an earlier one is still open only when it no longer holds the earlier
   * one (a start without a restore, state lost), and the earlier episode's clear will never come.
   * The case follows the new episode (its own episode start stays as it was), so the job's later
   * events for the new episode reach this case.
   *
   * @return the case and the severity it had before, empty when no earlier episode's case is open
   */
  Optional<Updated> continueWith(CaseEventRow event) {
    return takeEvidence(
        event,
        "UPDATE cases c SET followed_episode = :episodeStart, rule_version = :ruleVersion,"
            + " severity = :severity, evidence = CAST(:evidence AS jsonb), summary = :summary,"
            + " eta = :eta, updated_at = :at"
            + " FROM (SELECT id, severity FROM cases WHERE device_id = :deviceId"
            + "  AND rule_id = :ruleId AND status = 'OPEN' AND episode_start < :episodeStart"
            + "  AND (followed_episode IS NULL OR followed_episode < :episodeStart)"
            + "  FOR UPDATE) old WHERE c.id = old.id RETURNING c.id, old.severity");
  }

  /** Runs an update that takes the event's evidence into a case and returns it as it was. */
  private Optional<Updated> takeEvidence(CaseEventRow event, String sql) {
    return jdbc.sql(sql)
        .paramSource(
            new MapSqlParameterSource()
                .addValue("episodeStart", utc(event.episodeStart()))
                .addValue("ruleVersion", event.ruleVersion())
                .addValue("severity", event.severity().name())
                .addValue("evidence", event.evidence())
                .addValue("summary", event.summary())
                .addValue(
                    "eta",
                    Eta.fromEvidence(event.evidence(), event.occurredAt())
                        .map(CaseRepository::utc)
                        .orElse(null))
                .addValue("at", utc(event.occurredAt()))
                .addValue("deviceId", event.deviceId())
                .addValue("ruleId", event.ruleId()))
        .query(
            (rs, row) -> new Updated(rs.getLong("id"), Severity.valueOf(rs.getString("severity"))))
        .optional();
  }

  /**
   * Clears the open case of the event's device, rule and episode.
   *
   * @return the cleared case's id, empty when no such case is open
   */
  Optional<Long> clear(CaseEventRow event) {
    return jdbc.sql(
            "UPDATE cases SET status = 'CLEARED', cleared_at = :clearedAt"
                + " WHERE device_id = :deviceId AND rule_id = :ruleId"
                + " AND (episode_start = :episodeStart OR followed_episode = :episodeStart)"
                + " AND status = 'OPEN' RETURNING id")
        .param("clearedAt", utc(event.occurredAt()))
        .param("deviceId", event.deviceId())
        .param("ruleId", event.ruleId())
        .param("episodeStart", utc(event.episodeStart()))
        .query(Long.class)
        .optional();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** An updated case and its severity before the update. */
  record Updated(long caseId, Severity before) {}
}
