package dev.forewarn.outreach.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts and dead letters for operators. */
@Repository
public class OperationsQueries {

  /** Sort fields of the dead-letter list. */
  public static final Map<String, String> DEAD_LETTER_SORTS =
      Map.of("receivedAt", "received_at", "id", "id");

  /**
   * How far back a reading refused for its device's clock counts as a clock problem of the device:
   * the telemetry job's default state time to live, after which a device's clock is judged afresh.
   */
  public static final Duration CLOCK_WINDOW = Duration.ofDays(7);

  private final JdbcClient jdbc;
  private final Clock clock;

  OperationsQueries(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Stats stats() {
    return jdbc.sql(
            "SELECT (SELECT count(*) FROM cases) AS cases_opened,"
                + " (SELECT count(*) FROM cases WHERE status = 'OPEN') AS cases_open,"
                + " (SELECT count(*) FROM outbox WHERE status = 'SENT') AS sent,"
                + " (SELECT count(*) FROM outbox WHERE status IN ('PENDING', 'SENDING')) AS pending,"
                + " (SELECT count(*) FROM outbox WHERE status = 'FAILED') AS failed,"
                + " (SELECT count(*) FROM dead_letters) AS dead_letters,"
                + " (SELECT count(*) FROM case_events WHERE processed_at IS NULL) AS waiting,"
                + " (SELECT count(DISTINCT device_id) FROM dead_letters"
                + "   WHERE clock IS NOT NULL AND received_at >= :clockSince) AS clock_problems")
        .param("clockSince", SqlFilter.utc(clock.instant().minus(CLOCK_WINDOW)))
        .query(
            (rs, row) ->
                new Stats(
                    rs.getLong("cases_opened"),
                    rs.getLong("cases_open"),
                    rs.getLong("sent"),
                    rs.getLong("pending"),
                    rs.getLong("failed"),
                    rs.getLong("dead_letters"),
                    rs.getLong("waiting"),
                    rs.getLong("clock_problems")))
        .single();
  }

  /**
   * Dead letters matching the filters (each may be null), newest first unless sorted otherwise.
   *
   * @param reason text the reason contains, case-insensitive
   * @param kind the reason's kind ({@link DeadLetterKinds})
   * @param deviceId the device of the topic {@code devices/{deviceId}/telemetry}, or the device the
   *     job named
   */
  public Page<DeadLetter> deadLetters(
      String reason, String kind, String deviceId, Instant from, Instant to, Paging paging) {
    SqlFilter filter =
        new SqlFilter()
            .when(
                reason == null || reason.isBlank() ? null : SqlFilter.contains(reason.strip()),
                "reason ILIKE :reason",
                "reason")
            .when(kind, DeadLetterKinds.SQL + " = :kind", "kind")
            .when(
                deviceId == null ? null : "devices/" + deviceId + "/telemetry",
                "(topic = :topic OR device_id = :device)",
                "topic")
            .with("device", deviceId)
            .when(SqlFilter.utc(from), "received_at >= :from", "from")
            .when(SqlFilter.utc(to), "received_at < :to", "to");
    return filter.page(
        jdbc,
        "id, received_at, topic, reason, payload, device_id, clock",
        " FROM dead_letters",
        (rs, row) ->
            new DeadLetter(
                rs.getLong("id"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                rs.getString("topic"),
                DeadLetterKinds.of(rs.getString("reason")),
                rs.getString("reason"),
                rs.getString("payload"),
                rs.getString("device_id"),
                rs.getString("clock")),
        paging,
        "id");
  }

  /** How many dead letters there are of each kind of reason, most first. */
  public Map<String, Long> deadLetterKinds() {
    Map<String, Long> kinds = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT "
                + DeadLetterKinds.SQL
                + " AS kind, count(*) AS n FROM dead_letters GROUP BY 1 ORDER BY 2 DESC, 1")
        .query((rs, row) -> kinds.put(rs.getString("kind"), rs.getLong("n")))
        .list();
    return kinds;
  }
}
