package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.SqlFilter;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Which cases a list shows; every filter is optional.
 *
 * @param status OPEN, CLEARED or RESOLVED
 * @param severity INFO, WARNING or CRITICAL
 * @param ruleId the rule that raised them
 * @param deviceId the device
 * @param customerId the owner when the case opened
 * @param from opened at or after (event time)
 * @param to opened before (event time)
 */
public record CaseFilter(
    String status,
    String severity,
    String ruleId,
    String deviceId,
    Long customerId,
    Instant from,
    Instant to) {

  static final Set<String> STATUSES = Set.of("OPEN", "CLEARED", "RESOLVED");
  static final Set<String> SEVERITIES = Set.of("INFO", "WARNING", "CRITICAL");

  public static final CaseFilter NONE = new CaseFilter(null, null, null, null, null, null, null);

  public CaseFilter {
    status = upper(status);
    severity = upper(severity);
    if (status != null && !STATUSES.contains(status)) {
      throw new BadRequestException("status", "must be OPEN, CLEARED or RESOLVED");
    }
    if (severity != null && !SEVERITIES.contains(severity)) {
      throw new BadRequestException("severity", "must be INFO, WARNING or CRITICAL");
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new BadRequestException("to", "must be after from");
    }
  }

  SqlFilter sql() {
    return new SqlFilter()
        .when(status, "status = :status", "status")
        .when(severity, "severity = :severity", "severity")
        .when(ruleId, "rule_id = :ruleId", "ruleId")
        .when(deviceId, "device_id = :deviceId", "deviceId")
        .when(customerId, "customer_id = :customerId", "customerId")
        .when(SqlFilter.utc(from), "opened_at >= :from", "from")
        .when(SqlFilter.utc(to), "opened_at < :to", "to");
  }

  private static String upper(String value) {
    return value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
  }
}
