package dev.forewarn.outreach.cases;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;

/**
 * A case with its notifications, as the API shows it.
 *
 * @param id case id
 * @param deviceId the device
 * @param ruleId the rule that raised it
 * @param ruleVersion the rule version that raised it
 * @param severity INFO, WARNING or CRITICAL
 * @param status OPEN, CLEARED or RESOLVED
 * @param episodeStart when the breach began
 * @param openedAt event time of the reading that opened it
 * @param clearedAt event time of the reading that cleared it
 * @param summary one plain sentence
 * @param evidence JSON object of name to number
 * @param customerId the owner when the case opened, null when the device had none
 * @param problem why nobody was told, when that is so
 * @param eta predicted time of failure, when the rule gives one
 * @param acknowledgedAt when the customer acknowledged it
 * @param escalatedAt when it went to the agent queue
 * @param resolvedAt when an agent resolved it
 * @param satisfaction the customer's score of 1 to 5 after resolution
 * @param groupLead the case whose message this case was told in, when grouped
 * @param notifications the outbox messages, oldest first
 */
public record CaseView(
    long id,
    String deviceId,
    String ruleId,
    int ruleVersion,
    String severity,
    String status,
    Instant episodeStart,
    Instant openedAt,
    Instant clearedAt,
    String summary,
    @JsonRawValue String evidence,
    Long customerId,
    String problem,
    Instant eta,
    Instant acknowledgedAt,
    Instant escalatedAt,
    Instant resolvedAt,
    Integer satisfaction,
    Long groupLead,
    List<NotificationView> notifications) {

  CaseView withNotifications(List<NotificationView> list) {
    return new CaseView(
        id,
        deviceId,
        ruleId,
        ruleVersion,
        severity,
        status,
        episodeStart,
        openedAt,
        clearedAt,
        summary,
        evidence,
        customerId,
        problem,
        eta,
        acknowledgedAt,
        escalatedAt,
        resolvedAt,
        satisfaction,
        groupLead,
        list);
  }
}
