package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.web.Page;
import dev.forewarn.outreach.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads cases with their notifications for the API. */
@Repository
public class CaseQueries {

  private static final String CASE_COLUMNS =
      "id, device_id, rule_id, rule_version, severity, status, episode_start, opened_at,"
          + " cleared_at, summary, evidence::text AS evidence, customer_id, problem, eta,"
          + " acknowledged_at, escalated_at, resolved_at, satisfaction, group_lead";

  private final JdbcClient jdbc;

  CaseQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Sort fields of the case list. */
  public static final Map<String, String> SORTS =
      Map.of(
          "id", "id",
          "openedAt", "opened_at",
          "severity", "CASE severity WHEN 'CRITICAL' THEN 3 WHEN 'WARNING' THEN 2 ELSE 1 END",
          "status", "status",
          "deviceId", "device_id",
          "ruleId", "rule_id");

  /** The newest cases first. */
  public List<CaseView> newest(int limit) {
    return search(CaseFilter.NONE, Paging.of(0, limit, null, SORTS, "id,desc")).items();
  }

  /** The cases a filter matches, a page at a time, each with its notifications. */
  public Page<CaseView> search(CaseFilter filter, Paging paging) {
    Page<CaseView> page =
        filter.sql().page(jdbc, CASE_COLUMNS, " FROM cases", CaseQueries::caseView, paging, "id");
    return new Page<>(withNotifications(page.items()), page.total(), page.page(), page.size());
  }

  private List<CaseView> withNotifications(List<CaseView> cases) {
    if (cases.isEmpty()) {
      return cases;
    }
    Map<Long, List<NotificationView>> byCase =
        notifications(cases.stream().map(CaseView::id).toList());
    return cases.stream()
        .map(c -> c.withNotifications(byCase.getOrDefault(c.id(), List.of())))
        .toList();
  }

  public Optional<CaseView> find(long id) {
    return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM cases WHERE id = :id")
        .param("id", id)
        .query(CaseQueries::caseView)
        .optional()
        .map(c -> c.withNotifications(notifications(List.of(id)).getOrDefault(id, List.of())));
  }

  private Map<Long, List<NotificationView>> notifications(List<Long> caseIds) {
    return jdbc
        .sql(
            "SELECT case_id, id, step, channel, recipient, subject, body_text, status, delivery,"
                + " route_position, attempts,"
                + " provider, provider_id, last_error, created_at, next_attempt_at, sent_at"
                + " FROM outbox WHERE case_id IN (:ids) ORDER BY id")
        .param("ids", caseIds)
        .query(
            (rs, row) ->
                Map.entry(
                    rs.getLong("case_id"),
                    new NotificationView(
                        rs.getLong("id"),
                        rs.getString("step"),
                        rs.getString("channel"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body_text"),
                        rs.getString("status"),
                        rs.getString("delivery"),
                        (Integer) rs.getObject("route_position"),
                        rs.getInt("attempts"),
                        rs.getString("provider"),
                        rs.getString("provider_id"),
                        rs.getString("last_error"),
                        instant(rs, "created_at"),
                        instant(rs, "next_attempt_at"),
                        instant(rs, "sent_at"))))
        .list()
        .stream()
        .collect(
            Collectors.groupingBy(
                Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  private static CaseView caseView(ResultSet rs, int row) throws SQLException {
    return new CaseView(
        rs.getLong("id"),
        rs.getString("device_id"),
        rs.getString("rule_id"),
        rs.getInt("rule_version"),
        rs.getString("severity"),
        rs.getString("status"),
        instant(rs, "episode_start"),
        instant(rs, "opened_at"),
        instant(rs, "cleared_at"),
        rs.getString("summary"),
        rs.getString("evidence"),
        rs.getObject("customer_id", Long.class),
        rs.getString("problem"),
        instant(rs, "eta"),
        instant(rs, "acknowledged_at"),
        instant(rs, "escalated_at"),
        instant(rs, "resolved_at"),
        (Integer) rs.getObject("satisfaction", Integer.class),
        (Long) rs.getObject("group_lead", Long.class),
        List.of());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
