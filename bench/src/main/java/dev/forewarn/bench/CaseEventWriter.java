package dev.forewarn.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.rules.lifecycle.CaseEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes OPENED case events at a steady rate the way the telemetry job's case-event sink does
 * (docs/contracts.md): {@code INSERT … ON CONFLICT (event_id) DO NOTHING} in small transactions
 * that commit without waiting for the disk, each followed by {@code NOTIFY case_events}, and a
 * batch at most every {@link #FLUSH_MILLIS} like the job's {@code --case-flush-interval}.
 */
final class CaseEventWriter {

  static final long FLUSH_MILLIS = 10;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSERT =
      "INSERT INTO case_events (event_id, type, device_id, rule_id, rule_version, severity,"
          + " occurred_at, episode_start, evidence, summary)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)"
          + " ON CONFLICT (event_id) DO NOTHING";

  /** Told when case {@code index} opens, just before its batch is written. */
  interface Openings {
    void opened(int index, long nanos);
  }

  private final String jdbcUrl;
  private final String user;
  private final String password;

  CaseEventWriter(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /**
   * Writes event {@code i} no earlier than {@code i / rate} seconds after the start. A case counts
   * as opened at that moment, when the job would have decided it; time spent waiting for the next
   * flush or for a slow database is part of the latency, as it is for the job's events.
   */
  void write(List<CaseEvent> events, int rate, Openings openings) throws SQLException {
    try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
      try (Statement statement = db.createStatement()) {
        statement.execute("SET synchronous_commit = off");
      }
      db.setAutoCommit(false);
      long start = System.nanoTime();
      int next = 0;
      while (next < events.size()) {
        int due = Math.min(events.size(), dueBy(System.nanoTime() - start, rate));
        if (due > next) {
          for (int i = next; i < due; i++) {
            openings.opened(i, start + i * TimeUnit.SECONDS.toNanos(1) / rate);
          }
          insert(db, events.subList(next, due));
          next = due;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS));
      }
    }
  }

  /** How many events are due once {@code elapsedNanos} have passed: those with index ≤ t·rate. */
  static int dueBy(long elapsedNanos, int rate) {
    return (int) Math.min(Integer.MAX_VALUE, elapsedNanos * rate / TimeUnit.SECONDS.toNanos(1) + 1);
  }

  private static void insert(Connection db, List<CaseEvent> batch) throws SQLException {
    try (PreparedStatement insert = db.prepareStatement(INSERT)) {
      for (CaseEvent event : batch) {
        insert.setObject(1, UUID.fromString(event.eventId()));
        insert.setString(2, event.type().name());
        insert.setString(3, event.deviceId());
        insert.setString(4, event.ruleId());
        insert.setInt(5, event.ruleVersion());
        insert.setString(6, event.severity().name());
        insert.setObject(7, event.occurredAt().atOffset(ZoneOffset.UTC));
        insert.setObject(8, event.episodeStart().atOffset(ZoneOffset.UTC));
        insert.setString(9, json(event));
        insert.setString(10, event.summary());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (Statement notify = db.createStatement()) {
      notify.execute("NOTIFY case_events");
    }
    db.commit();
  }

  private static String json(CaseEvent event) {
    try {
      return JSON.writeValueAsString(event.evidence());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("evidence is not JSON: " + event.evidence(), e);
    }
  }
}
