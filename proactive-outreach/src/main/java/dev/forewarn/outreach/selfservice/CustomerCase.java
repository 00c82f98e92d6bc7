package dev.forewarn.outreach.selfservice;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Optional;

/**
 * A case as its customer sees it: what is happening to which device and what they did about it;
 * none of the service's own workings (route, notifications, agent notes). Two clocks: {@code
 * startedAt} and {@code openedAt} are the device's (event time), {@code toldAt} and {@code
 * acknowledgedAt} are Forewarn's (when it acted).
 *
 * @param id case id
 * @param deviceId the device
 * @param device the device as the customer knows it (nickname, else model, else id)
 * @param status OPEN, CLEARED or RESOLVED
 * @param severity INFO, WARNING or CRITICAL
 * @param summary what is happening, as the rule words it for staff
 * @param eta predicted time of failure, when known
 * @param openedAt when the device's readings made the case open (device clock)
 * @param acknowledged whether the customer acknowledged it
 * @param booked whether a visit was asked for
 * @param snoozedUntil reminders wait until then, when snoozed
 * @param satisfaction the customer's score, once given
 * @param startedAt when the problem began on the device (device clock)
 * @param toldAt when Forewarn first sent the customer a message about it
 * @param acknowledgedAt when the customer acknowledged it
 * @param ruleId the rule that raised it, for its customer wording
 * @param ruleVersion that rule's version
 * @param evidence the case's evidence (JSON), to fill the wording
 */
public record CustomerCase(
    long id,
    String deviceId,
    String device,
    String status,
    String severity,
    String summary,
    Optional<Instant> eta,
    Instant openedAt,
    boolean acknowledged,
    boolean booked,
    Optional<Instant> snoozedUntil,
    Integer satisfaction,
    Instant startedAt,
    Optional<Instant> toldAt,
    Optional<Instant> acknowledgedAt,
    @JsonIgnore String ruleId,
    @JsonIgnore int ruleVersion,
    @JsonIgnore String evidence) {}
