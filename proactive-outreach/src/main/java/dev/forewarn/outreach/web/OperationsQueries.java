package dev.forewarn.outreach.web;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts and dead letters for operators. */
@Repository
class OperationsQueries {

  private final JdbcClient jdbc;

  OperationsQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Stats stats() {
    return jdbc.sql(
            "SELECT (SELECT count(*) FROM cases) AS cases_opened,"
                + " (SELECT count(*) FROM cases WHERE status = 'OPEN') AS cases_open,"
                + " (SELECT count(*) FROM outbox WHERE status = 'SENT') AS sent,"
                + " (SELECT count(*) FROM outbox WHERE status IN ('PENDING', 'SENDING')) AS pending,"
                + " (SELECT count(*) FROM outbox WHERE status = 'FAILED') AS failed,"
                + " (SELECT count(*) FROM dead_letters) AS dead_letters,"
                + " (SELECT count(*) FROM case_events WHERE processed_at IS NULL) AS waiting")
        .query(
            (rs, row) ->
                new Stats(
                    rs.getLong("cases_opened"),
                    rs.getLong("cases_open"),
                    rs.getLong("sent"),
                    rs.getLong("pending"),
                    rs.getLong("failed"),
                    rs.getLong("dead_letters"),
                    rs.getLong("waiting")))
        .single();
  }

  long deadLetterCount() {
    return jdbc.sql("SELECT count(*) FROM dead_letters").query(Long.class).single();
  }

  List<DeadLetter> newestDeadLetters(int limit) {
    return jdbc.sql(
            "SELECT id, received_at, topic, reason, payload FROM dead_letters"
                + " ORDER BY received_at DESC, id DESC LIMIT :limit")
        .param("limit", limit)
        .query(
            (rs, row) ->
                new DeadLetter(
                    rs.getLong("id"),
                    rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                    rs.getString("topic"),
                    rs.getString("reason"),
                    rs.getString("payload")))
        .list();
  }
}
