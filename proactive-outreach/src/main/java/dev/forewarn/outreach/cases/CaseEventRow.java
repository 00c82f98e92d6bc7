package dev.forewarn.outreach.cases;

import dev.forewarn.rules.document.Severity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code case_events} as intake reads it (see docs/contracts.md).
 *
 * @param eventId stable event id
 * @param type opened, updated or cleared
 * @param deviceId the device
 * @param ruleId the rule
 * @param ruleVersion the rule version that decided
 * @param severity the rule's severity
 * @param occurredAt event time of the deciding reading
 * @param episodeStart start of the breach; names the case with device and rule
 * @param evidence JSON object of name to number
 * @param summary one plain sentence
 */
record CaseEventRow(
    UUID eventId,
    EventType type,
    String deviceId,
    String ruleId,
    int ruleVersion,
    Severity severity,
    Instant occurredAt,
    Instant episodeStart,
    String evidence,
    String summary) {}
