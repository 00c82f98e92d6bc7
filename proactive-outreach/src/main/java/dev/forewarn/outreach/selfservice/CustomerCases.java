package dev.forewarn.outreach.selfservice;

import dev.forewarn.outreach.cases.CaseActions;
import dev.forewarn.outreach.security.CustomerScope;
import dev.forewarn.outreach.web.ConflictException;
import dev.forewarn.outreach.web.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A customer's cases, always read through their scope: another customer's case, or a case a link
 * does not reach, is not found. The actions are the ones a customer may take (acknowledge, book a
 * visit, snooze reminders, rate a resolved case), recorded like the same replies by SMS.
 */
@Service
public class CustomerCases {

  private static final String SELECT =
      "SELECT c.id, c.device_id, c.status, c.severity, c.summary, c.eta, c.opened_at,"
          + " c.acknowledged_at IS NOT NULL AS acknowledged, c.snoozed_until, c.satisfaction,"
          + " COALESCE(d.nickname, d.model, c.device_id) AS device,"
          + " EXISTS (SELECT 1 FROM agent_tasks t WHERE t.case_id = c.id"
          + " AND t.kind = 'BOOKING') AS booked"
          + " FROM cases c LEFT JOIN devices d ON d.device_id = c.device_id";

  private final JdbcClient jdbc;
  private final CaseActions actions;

  CustomerCases(JdbcClient jdbc, CaseActions actions) {
    this.jdbc = jdbc;
    this.actions = actions;
  }

  /** The customer's cases, newest first (a case link: its one case). */
  public List<CustomerCase> list(CustomerScope scope, int limit) {
    return jdbc.sql(
            SELECT
                + " WHERE c.customer_id = :customer AND (CAST(:only AS bigint) IS NULL OR c.id = CAST(:only AS bigint))"
                + " ORDER BY c.id DESC LIMIT :limit")
        .param("customer", scope.customerId())
        .param("only", scope.onlyCase().orElse(null))
        .param("limit", limit)
        .query(CustomerCases::row)
        .list();
  }

  public Optional<CustomerCase> find(CustomerScope scope, long caseId) {
    if (!scope.reaches(caseId)) {
      return Optional.empty();
    }
    return jdbc.sql(SELECT + " WHERE c.id = :id AND c.customer_id = :customer")
        .param("id", caseId)
        .param("customer", scope.customerId())
        .query(CustomerCases::row)
        .optional();
  }

  /** The case, or 404 for anything outside the scope. */
  public CustomerCase require(CustomerScope scope, long caseId) {
    return find(scope, caseId).orElseThrow(() -> new NotFoundException("no case " + caseId));
  }

  public CustomerCase acknowledge(CustomerScope scope, long caseId, String via) {
    require(scope, caseId);
    actions.acknowledge(caseId, via);
    return require(scope, caseId);
  }

  public CustomerCase book(CustomerScope scope, long caseId, String via) {
    CustomerCase found = require(scope, caseId);
    if (found.status().equals("RESOLVED")) {
      throw new ConflictException("the case is resolved");
    }
    actions.book(caseId, via);
    return require(scope, caseId);
  }

  public CustomerCase snooze(CustomerScope scope, long caseId, String via) {
    if (!require(scope, caseId).status().equals("OPEN")) {
      throw new ConflictException("only an open case can be snoozed");
    }
    actions.snooze(caseId, via);
    return require(scope, caseId);
  }

  public CustomerCase rate(CustomerScope scope, long caseId, int score, String via) {
    require(scope, caseId);
    if (!actions.score(caseId, score, via)) {
      throw new ConflictException("only a resolved case can be rated, once");
    }
    return require(scope, caseId);
  }

  private static CustomerCase row(ResultSet rs, int row) throws SQLException {
    OffsetDateTime eta = rs.getObject("eta", OffsetDateTime.class);
    OffsetDateTime snoozed = rs.getObject("snoozed_until", OffsetDateTime.class);
    int satisfaction = rs.getInt("satisfaction");
    Integer score = rs.wasNull() ? null : satisfaction;
    return new CustomerCase(
        rs.getLong("id"),
        rs.getString("device_id"),
        rs.getString("device"),
        rs.getString("status"),
        rs.getString("severity"),
        rs.getString("summary"),
        Optional.ofNullable(eta).map(OffsetDateTime::toInstant),
        rs.getObject("opened_at", OffsetDateTime.class).toInstant(),
        rs.getBoolean("acknowledged"),
        rs.getBoolean("booked"),
        Optional.ofNullable(snoozed).map(OffsetDateTime::toInstant),
        score);
  }
}
