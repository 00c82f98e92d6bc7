package dev.forewarn.outreach;

import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.lifecycle.Decision;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Case events as the telemetry job writes them: built through the rules library's {@code
 * CaseEvent.of}, inserted with {@code ON CONFLICT (event_id) DO NOTHING}, then {@code NOTIFY
 * case_events}.
 */
public final class CaseEvents {

  public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  public static final Instant T0_PLUS_2M = T0.plus(Duration.ofMinutes(2));
  public static final Instant T0_PLUS_10M = T0.plus(Duration.ofMinutes(10));
  public static final String RULE = "compressor-overheat";
  public static final String SUMMARY = "compressor_temp_c above 85.0 for 2m (now 86.4)";

  private final JdbcTemplate jdbc;

  public CaseEvents(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The case for an overheating compressor opens two minutes into the episode. */
  public static CaseEvent opened(String deviceId) {
    return opened(deviceId, 1);
  }

  public static CaseEvent opened(String deviceId, int ruleVersion) {
    return opened(deviceId, ruleVersion, Severity.WARNING);
  }

  public static CaseEvent opened(String deviceId, int ruleVersion, Severity severity) {
    return opened(deviceId, ruleVersion, T0, severity);
  }

  /** The same episode clears ten minutes in. */
  public static CaseEvent cleared(String deviceId) {
    return cleared(deviceId, T0);
  }

  /** An episode that began at {@code episodeStart} opens two minutes in. */
  public static CaseEvent opened(String deviceId, Instant episodeStart, Severity severity) {
    return opened(deviceId, 1, episodeStart, severity);
  }

  private static CaseEvent opened(
      String deviceId, int ruleVersion, Instant episodeStart, Severity severity) {
    return CaseEvent.of(
        deviceId,
        new Decision(
            Decision.Kind.OPEN,
            RULE,
            ruleVersion,
            severity,
            episodeStart.plus(Duration.ofMinutes(2)),
            episodeStart,
            Map.of("compressor_temp_c", 86.4),
            SUMMARY));
  }

  /** An episode that began at {@code episodeStart} clears ten minutes in. */
  public static CaseEvent cleared(String deviceId, Instant episodeStart) {
    return CaseEvent.of(
        deviceId,
        new Decision(
            Decision.Kind.CLEAR,
            RULE,
            1,
            Severity.WARNING,
            episodeStart.plus(Duration.ofMinutes(10)),
            episodeStart,
            Map.of("compressor_temp_c", 79.0),
            "compressor_temp_c back below 80.0 (now 79.0)"));
  }

  /** Writes the event as the job does and wakes intake. */
  public void insert(CaseEvent event) {
    write(event);
    jdbc.execute("NOTIFY case_events");
  }

  /**
   * Writes the events in one transaction, so that intake, woken afterwards, finds them all at once
   * and handles them as one batch.
   */
  public void insertTogether(List<CaseEvent> batch) {
    new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()))
        .executeWithoutResult(status -> batch.forEach(this::write));
    jdbc.execute("NOTIFY case_events");
  }

  private void write(CaseEvent event) {
    jdbc.update(
        "INSERT INTO case_events (event_id, type, device_id, rule_id, rule_version, severity,"
            + " occurred_at, episode_start, evidence, summary)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)"
            + " ON CONFLICT (event_id) DO NOTHING",
        UUID.fromString(event.eventId()),
        event.type().name(),
        event.deviceId(),
        event.ruleId(),
        event.ruleVersion(),
        event.severity().name(),
        event.occurredAt().atOffset(ZoneOffset.UTC),
        event.episodeStart().atOffset(ZoneOffset.UTC),
        evidenceJson(event.evidence()),
        event.summary());
  }

  /**
   * An update of the open episode, as the job writes it once a forecast moves or the severity
   * rises: a new event id each time, the same device, rule and episode start.
   */
  /** Event time of the updates {@link #insertUpdate} writes. */
  public static final Instant UPDATED_AT = T0_PLUS_2M.plusSeconds(60);

  public void insertUpdate(String deviceId, Severity severity, Map<String, Double> evidence) {
    jdbc.update(
        "INSERT INTO case_events (event_id, type, device_id, rule_id, rule_version, severity,"
            + " occurred_at, episode_start, evidence, summary)"
            + " VALUES (?, 'UPDATED', ?, ?, 1, ?, ?, ?, CAST(? AS jsonb), ?)",
        UUID.randomUUID(),
        deviceId,
        RULE,
        severity.name(),
        UPDATED_AT.atOffset(ZoneOffset.UTC),
        T0.atOffset(ZoneOffset.UTC),
        evidenceJson(evidence),
        "compressor_temp_c rising (now " + evidence.get("compressor_temp_c") + ")");
    jdbc.execute("NOTIFY case_events");
  }

  /** Makes intake see an event as new again, as after a lost commit or a manual replay. */
  public void replay(CaseEvent event) {
    jdbc.update(
        "UPDATE case_events SET processed_at = NULL, outcome = NULL WHERE event_id = ?",
        UUID.fromString(event.eventId()));
    jdbc.execute("NOTIFY case_events");
  }

  /** What intake recorded for an event, or null while it is unprocessed. */
  public String outcome(CaseEvent event) {
    return jdbc.queryForObject(
        "SELECT CASE WHEN processed_at IS NULL THEN NULL ELSE outcome END FROM case_events"
            + " WHERE event_id = ?",
        String.class,
        UUID.fromString(event.eventId()));
  }

  private static String evidenceJson(Map<String, Double> evidence) {
    return evidence.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
