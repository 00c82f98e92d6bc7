package dev.forewarn.outreach.backtests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The backtests table: a row per backtest, advanced by the instance that runs it and read by any. A
 * row still RUNNING whose heartbeat stopped belongs to an instance that died: it is failed the next
 * time someone reads it.
 */
@Repository
class BacktestStore {

  /** A running backtest's heartbeat older than this means its instance is gone. */
  static final Duration STALE = Duration.ofMinutes(2);

  private static final String COLUMNS =
      "id, status, rules::text AS rules, devices, range_from, range_to, steps_total,"
          + " steps_done, readings, result::text AS result, error, created_by, created_at,"
          + " finished_at";

  private final JdbcClient jdbc;

  BacktestStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long add(
      String request,
      String rules,
      List<String> devices,
      Instant from,
      Instant to,
      int steps,
      String createdBy) {
    return jdbc.sql(
            "INSERT INTO backtests (status, request, rules, devices, range_from, range_to,"
                + " steps_total, created_by) VALUES ('RUNNING', CAST(:request AS jsonb),"
                + " CAST(:rules AS jsonb), CAST(:devices AS text[]), :from, :to, :steps,"
                + " :createdBy) RETURNING id")
        .param("request", request)
        .param("rules", rules)
        .param("devices", devices.toArray(String[]::new))
        .param("from", from.atOffset(ZoneOffset.UTC))
        .param("to", to.atOffset(ZoneOffset.UTC))
        .param("steps", steps)
        .param("createdBy", createdBy)
        .query(Long.class)
        .single();
  }

  void progress(long id, int stepsDone, long readings) {
    jdbc.sql(
            "UPDATE backtests SET steps_done = :done, readings = :readings, heartbeat_at = now()"
                + " WHERE id = :id AND status = 'RUNNING'")
        .param("id", id)
        .param("done", stepsDone)
        .param("readings", readings)
        .update();
  }

  void finish(long id, long readings, String result) {
    jdbc.sql(
            "UPDATE backtests SET status = 'DONE', steps_done = steps_total, readings = :readings,"
                + " result = CAST(:result AS jsonb), finished_at = now(), heartbeat_at = now()"
                + " WHERE id = :id AND status = 'RUNNING'")
        .param("id", id)
        .param("readings", readings)
        .param("result", result)
        .update();
  }

  void fail(long id, String error) {
    jdbc.sql(
            "UPDATE backtests SET status = 'FAILED', error = :error, finished_at = now()"
                + " WHERE id = :id AND status = 'RUNNING'")
        .param("id", id)
        .param("error", error)
        .update();
  }

  Optional<BacktestView> find(long id) {
    jdbc.sql(
            "UPDATE backtests SET status = 'FAILED', finished_at = now(),"
                + " error = 'interrupted: the instance running it stopped'"
                + " WHERE id = :id AND status = 'RUNNING'"
                + " AND heartbeat_at < now() - make_interval(secs => :stale)")
        .param("id", id)
        .param("stale", STALE.toSeconds())
        .update();
    return jdbc.sql("SELECT " + COLUMNS + " FROM backtests WHERE id = :id")
        .param("id", id)
        .query(BacktestStore::view)
        .optional();
  }

  /** The newest backtests, without their results. */
  List<BacktestView> newest(int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS.replace("result::text AS result", "NULL AS result")
                + " FROM backtests ORDER BY id DESC LIMIT :limit")
        .param("limit", limit)
        .query(BacktestStore::view)
        .list();
  }

  private static BacktestView view(ResultSet rs, int row) throws SQLException {
    int total = rs.getInt("steps_total");
    int done = rs.getInt("steps_done");
    return new BacktestView(
        rs.getLong("id"),
        rs.getString("status"),
        rs.getString("rules"),
        Arrays.asList((String[]) rs.getArray("devices").getArray()),
        instant(rs, "range_from"),
        instant(rs, "range_to"),
        new BacktestView.Progress(
            done, total, total == 0 ? 1.0 : (double) done / total, rs.getLong("readings")),
        rs.getString("error"),
        rs.getString("result"),
        rs.getString("created_by"),
        instant(rs, "created_at"),
        instant(rs, "finished_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }
}
