package dev.forewarn.rules.lifecycle;

import dev.forewarn.rules.document.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * The contract between detection and outreach: a case was opened, updated or cleared for one device
 * by one rule version. The event id is derived from what the event is about, never from when it was
 * computed, so a replay after a restart produces the same id and writing it twice changes nothing.
 *
 * @param eventId stable id, see {@link #idFor}
 * @param type opened, updated or cleared
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
    /** The open case's forecast moved materially or its severity rose; the case stays open. */
    UPDATED,
    CLEARED,
    /**
     * The rule's state for the device was dropped while its case was open (the rule was replaced or
     * removed, the device left its scope, or its state expired): the case is closed without a
     * verdict that the fault is gone.
     */
    SUPERSEDED
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
    Type type =
        switch (decision.kind()) {
          case OPEN -> Type.OPENED;
          case UPDATE -> Type.UPDATED;
          case CLEAR -> Type.CLEARED;
        };
    return new CaseEvent(
        idFor(
            deviceId,
            decision.ruleId(),
            decision.ruleVersion(),
            type,
            decision.episodeStart(),
            decision.at()),
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
   * The event that closes an open case whose rule state was dropped, so that no case stays open
   * with nothing left to clear it. Its id follows {@link #idFor(String, String, int, Type,
   * Instant)} with the type {@code SUPERSEDED}: one per case, stable across replays.
   *
   * @param ruleVersion the version that opened the case
   * @param severity the case's severity as last reported
   * @param at when the state was dropped, in event time
   * @param episodeStart the open case's episode start
   * @param why one plain sentence: what made the state go
   */
  public static CaseEvent superseded(
      String deviceId,
      String ruleId,
      int ruleVersion,
      Severity severity,
      Instant at,
      Instant episodeStart,
      String why) {
    return new CaseEvent(
        idFor(deviceId, ruleId, ruleVersion, Type.SUPERSEDED, episodeStart),
        Type.SUPERSEDED,
        deviceId,
        ruleId,
        ruleVersion,
        severity,
        at,
        episodeStart,
        Map.of(),
        why);
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
    if (type == Type.UPDATED) {
      throw new IllegalArgumentException("an UPDATED event id needs its event time too");
    }
    String name =
        deviceId + "|" + ruleId + "|" + ruleVersion + "|" + type.name() + "|" + episodeStart;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * The event id of any event type. OPENED and CLEARED ids ignore {@code occurredAt} (see {@link
   * #idFor(String, String, int, Type, Instant)}); a case has one of each. A case may be updated
   * many times, so an UPDATED id is the UUID of {@code
   * deviceId|ruleId|ruleVersion|UPDATED|episodeStart|occurredAt}, both instants in ISO-8601: still
   * a function of event times only, so replays give the same id.
   */
  public static String idFor(
      String deviceId,
      String ruleId,
      int ruleVersion,
      Type type,
      Instant episodeStart,
      Instant occurredAt) {
    if (type != Type.UPDATED) {
      return idFor(deviceId, ruleId, ruleVersion, type, episodeStart);
    }
    Objects.requireNonNull(occurredAt, "occurredAt");
    String name =
        deviceId
            + "|"
            + ruleId
            + "|"
            + ruleVersion
            + "|"
            + type.name()
            + "|"
            + episodeStart
            + "|"
            + occurredAt;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * The forecast crossing time carried in the evidence ({@code occurredAt + eta_seconds}), for
   * events of forecasting conditions.
   */
  public Optional<Instant> eta() {
    Double seconds = evidence.get(Evidence.ETA_SECONDS);
    return seconds == null
        ? Optional.empty()
        : Optional.of(occurredAt.plusMillis(Math.round(seconds * 1000)));
  }

  /** The forecast's confidence in [0, 1] carried in the evidence ({@code eta_confidence}). */
  public OptionalDouble etaConfidence() {
    Double confidence = evidence.get(Evidence.ETA_CONFIDENCE);
    return confidence == null ? OptionalDouble.empty() : OptionalDouble.of(confidence);
  }
}
