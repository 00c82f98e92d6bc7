package dev.forewarn.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The contract between detection and outreach: a case was opened or cleared for one device by one
 * rule version. The event id is derived from what the event is about, never from when it was
 * computed, so a replay after a restart produces the same id and writing it twice changes nothing.
 *
 * @param eventId stable id, see {@link #idFor}
 * @param type opened or cleared
 * @param deviceId the device concerned
 * @param ruleId the rule that raised it
 * @param ruleVersion the version of that rule
 * @param severity the rule's severity
 * @param occurredAt event time of the reading that decided
 * @param episodeStart event time at which the breach began; identifies the case with device + rule
 * @param evidence named finite numbers behind the decision, sorted by name
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
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(episodeStart, "episodeStart");
    evidence = Evidence.copy(evidence);
    summary = summary == null ? "" : summary;
  }

  /** The case event for one evaluator decision about one device. */
  public static CaseEvent of(String deviceId, Decision decision) {
    Type type = decision.kind() == Decision.Kind.OPEN ? Type.OPENED : Type.CLEARED;
    return new CaseEvent(
        idFor(deviceId, decision.ruleId(), decision.ruleVersion(), type, decision.episodeStart()),
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

  /**
   * The event id: a name-based (version 3) UUID of the UTF-8 bytes of {@code
   * deviceId|ruleId|ruleVersion|TYPE|episodeStart}, with the episode start in ISO-8601 ({@link
   * Instant#toString()}). Rule ids cannot contain {@code |} and the last three parts have fixed
   * shapes, so no two different events share a name. This formula is part of the contract: change
   * it and replayed events stop deduplicating against stored ones.
   */
  public static String idFor(
      String deviceId, String ruleId, int ruleVersion, Type type, Instant episodeStart) {
    String name =
        deviceId + "|" + ruleId + "|" + ruleVersion + "|" + type.name() + "|" + episodeStart;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
