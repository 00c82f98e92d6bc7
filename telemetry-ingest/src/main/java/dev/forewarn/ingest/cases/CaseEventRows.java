package dev.forewarn.ingest.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.rules.lifecycle.CaseEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Case events into {@code case_events}: an event already stored under its id is left alone, so
 * replays change nothing, and {@code NOTIFY case_events} wakes outreach when something new arrived.
 */
final class CaseEventRows implements RowWriter<CaseEvent> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSERT =
      "INSERT INTO case_events (event_id, type, device_id, rule_id, rule_version, severity,"
          + " occurred_at, episode_start, evidence, summary)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)"
          + " ON CONFLICT (event_id) DO NOTHING";

  @Override
  public String table() {
    return "case_events";
  }

  @Override
  public void write(Connection connection, List<CaseEvent> events) throws SQLException {
    int[] counts;
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (CaseEvent event : events) {
        bind(insert, event);
        insert.addBatch();
      }
      counts = insert.executeBatch();
    }
    if (anyInserted(counts)) {
      try (Statement notify = connection.createStatement()) {
        notify.execute("NOTIFY case_events");
      }
    }
  }

  private static void bind(PreparedStatement insert, CaseEvent event) throws SQLException {
    insert.setObject(1, UUID.fromString(event.eventId()));
    insert.setString(2, event.type().name());
    insert.setString(3, StorableText.of(event.deviceId()));
    insert.setString(4, StorableText.of(event.ruleId()));
    insert.setInt(5, event.ruleVersion());
    insert.setString(6, event.severity().name());
    insert.setObject(7, utc(event.occurredAt()));
    insert.setObject(8, utc(event.episodeStart()));
    insert.setString(9, json(event));
    insert.setString(10, StorableText.of(event.summary()));
  }

  private static boolean anyInserted(int[] counts) {
    for (int count : counts) {
      if (count != 0) {
        return true; // 1 inserted, or SUCCESS_NO_INFO: announce rather than risk silence
      }
    }
    return false;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String json(CaseEvent event) throws SQLException {
    try {
      Map<String, Double> evidence = new TreeMap<>();
      // jsonb refuses an escaped NUL in a key as text refuses NUL; the numbers are finite.
      event.evidence().forEach((name, value) -> evidence.put(StorableText.of(name), value));
      return JSON.writeValueAsString(evidence);
    } catch (JsonProcessingException e) {
      throw new SQLException("evidence of event " + event.eventId() + " is not JSON", "22000", e);
    }
  }
}
