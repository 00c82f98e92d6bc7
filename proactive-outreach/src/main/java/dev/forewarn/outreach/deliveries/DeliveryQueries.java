package dev.forewarn.outreach.deliveries;

import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.Page;
import dev.forewarn.outreach.web.Paging;
import dev.forewarn.outreach.web.SqlFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The outbox as a delivery log: messages per channel with their outcome, and counts of them. */
@Service
public class DeliveryQueries {

  /** A message's outcome in one word, from its status and the provider's delivery report. */
  static final String OUTCOME =
      "CASE WHEN status = 'SENT' AND delivery IN ('delivered', 'read') THEN 'delivered'"
          + " WHEN status = 'SENT' AND delivery IN ('undelivered', 'failed') THEN 'undelivered'"
          + " WHEN status = 'SENT' THEN 'sent'"
          + " WHEN status = 'FAILED' THEN 'failed'"
          + " WHEN status = 'CANCELLED' THEN 'cancelled'"
          + " ELSE 'pending' END";

  static final Set<String> CHANNELS = Set.of("sms", "email", "app");
  static final Set<String> OUTCOMES =
      Set.of("delivered", "undelivered", "sent", "failed", "cancelled", "pending");

  /** Sort fields of the delivery list. */
  public static final Map<String, String> SORTS =
      Map.of("id", "id", "createdAt", "created_at", "sentAt", "sent_at", "channel", "channel");

  private final JdbcClient jdbc;

  DeliveryQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Messages matching the filters (each may be null), newest first unless sorted otherwise. */
  public Page<Delivery> list(
      String channel,
      String outcome,
      Long caseId,
      Long customerId,
      Instant from,
      Instant to,
      Paging paging) {
    SqlFilter filter =
        filter(channel, from, to)
            .when(checked("outcome", outcome, OUTCOMES), OUTCOME + " = :outcome", "outcome")
            .when(caseId, "case_id = :caseId", "caseId")
            .when(customerId, "customer_id = :customerId", "customerId");
    long total =
        filter
            .bind(jdbc.sql("SELECT count(*) FROM outbox" + filter.where()))
            .query(Long.class)
            .single();
    var items =
        filter
            .bind(
                jdbc.sql(
                    "SELECT id, case_id, customer_id, step, channel, recipient, status, delivery, "
                        + OUTCOME
                        + " AS outcome, attempts, provider, provider_id, last_error, created_at,"
                        + " sent_at, delivery_at FROM outbox"
                        + filter.where()
                        + paging.sql("id")))
            .query(DeliveryQueries::delivery)
            .list();
    return new Page<>(items, total, paging.page(), paging.size());
  }

  /** Channel to outcome to how many messages, for messages queued in the range. */
  public Map<String, Map<String, Long>> outcomesPerChannel(
      String channel, Instant from, Instant to) {
    SqlFilter filter = filter(channel, from, to);
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    filter
        .bind(
            jdbc.sql(
                "SELECT channel, "
                    + OUTCOME
                    + " AS outcome, count(*) AS n FROM outbox"
                    + filter.where()
                    + " GROUP BY 1, 2 ORDER BY 1, 2"))
        .query(
            (rs, row) ->
                counts
                    .computeIfAbsent(rs.getString("channel"), c -> new LinkedHashMap<>())
                    .put(rs.getString("outcome"), rs.getLong("n")))
        .list();
    return counts;
  }

  private static SqlFilter filter(String channel, Instant from, Instant to) {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new BadRequestException("to", "must be after from");
    }
    return new SqlFilter()
        .when(checked("channel", channel, CHANNELS), "channel = :channel", "channel")
        .when(utc(from), "created_at >= :from", "from")
        .when(utc(to), "created_at < :to", "to");
  }

  private static String checked(String field, String value, Set<String> allowed) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!allowed.contains(value)) {
      throw new BadRequestException(
          field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return value;
  }

  private static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }

  private static Delivery delivery(ResultSet rs, int row) throws SQLException {
    return new Delivery(
        rs.getLong("id"),
        rs.getObject("case_id", Long.class),
        rs.getObject("customer_id", Long.class),
        rs.getString("step"),
        rs.getString("channel"),
        rs.getString("recipient"),
        rs.getString("status"),
        rs.getString("delivery"),
        rs.getString("outcome"),
        rs.getInt("attempts"),
        rs.getString("provider"),
        rs.getString("provider_id"),
        rs.getString("last_error"),
        instant(rs, "created_at"),
        instant(rs, "sent_at"),
        instant(rs, "delivery_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }
}
