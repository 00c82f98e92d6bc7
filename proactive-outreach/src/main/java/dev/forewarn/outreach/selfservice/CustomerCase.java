package dev.forewarn.outreach.selfservice;

import java.time.Instant;
import java.util.Optional;

/**
 * A case as its customer sees it: what is happening to which device and what they did about it;
 * none of the service's own workings (route, notifications, agent notes).
 *
 * @param id case id
 * @param deviceId the device
 * @param device the device as the customer knows it (nickname, else model, else id)
 * @param status OPEN, CLEARED or RESOLVED
 * @param severity INFO, WARNING or CRITICAL
 * @param summary what is happening
 * @param eta predicted time of failure, when known
 * @param openedAt when the problem began
 * @param acknowledged whether the customer acknowledged it
 * @param booked whether a visit was asked for
 * @param snoozedUntil reminders wait until then, when snoozed
 * @param satisfaction the customer's score, once given
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
    Integer satisfaction) {}
