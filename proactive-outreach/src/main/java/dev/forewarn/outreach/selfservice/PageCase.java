package dev.forewarn.outreach.selfservice;

import java.time.Instant;
import java.util.Optional;

/**
 * What the self-service page shows of a case.
 *
 * @param id case id
 * @param device the device as the customer knows it
 * @param status OPEN, CLEARED or RESOLVED
 * @param severity INFO, WARNING or CRITICAL
 * @param summary what is happening
 * @param eta predicted time of failure, when known
 * @param acknowledged whether the customer acknowledged it
 * @param booked whether a visit was asked for
 * @param satisfaction the customer's score, once given
 */
record PageCase(
    long id,
    String device,
    String status,
    String severity,
    String summary,
    Optional<Instant> eta,
    boolean acknowledged,
    boolean booked,
    Integer satisfaction) {}
