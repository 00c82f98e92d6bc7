package dev.forewarn.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The contract between detection and outreach: a case was opened or cleared for one device by one
 * rule version. The event id is derived from what the event is about, never from when it was
 * computed, so a replay after a restart produces the same id and writing it twice changes nothing.
 *
 * @param eventId stable id: a name-based UUID of device, rule, version, type and episode start
 * @param type opened or cleared
 * @param deviceId the device concerned
 * @param ruleId the rule that raised it
 * @param ruleVersion the version of that rule
 * @param severity the rule's severity
 * @param occurredAt event time of the reading that decided
 * @param episodeStart event time at which the breach began; identifies the case with device + rule
 * @param evidence named numbers behind the decision
 * @param summary one plain sentence for people
 */
public record CaseEvent(
    String eventId,
    Type type,
    String deviceId,
    String ruleId,
    int ruleVersion,
    Severity severity,
    Instant occurredAt,
    Instant episodeStart,
    Map<String, Double> evidence,
    String summary) {

  /** Lifecycle step of a case. */
  public enum Type {
    OPENED,
    CLEARED
  }

  public CaseEvent {
    evidence = Map.copyOf(evidence);
  }

  /** The case event for one evaluator decision about one device. */
  public static CaseEvent of(String deviceId, Decision decision) {
    Type type = decision.kind() == Decision.Kind.OPEN ? Type.OPENED : Type.CLEARED;
    String name =
        String.join(
            "|",
            deviceId,
            decision.ruleId(),
            Integer.toString(decision.ruleVersion()),
            type.name(),
            decision.episodeStart().toString());
    String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    return new CaseEvent(
        id,
        type,
        deviceId,
        decision.ruleId(),
        decision.ruleVersion(),
        decision.severity(),
        decision.at(),
        decision.episodeStart(),
        decision.evidence(),
        decision.summary());
  }
}
