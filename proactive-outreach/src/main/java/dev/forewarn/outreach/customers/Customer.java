package dev.forewarn.outreach.customers;

import java.time.Instant;

/**
 * A customer as stored.
 *
 * @param id customer id
 * @param name how to address them
 * @param phone their first mobile number in E.164, or null
 * @param email their first email address, or null
 * @param locale language tag for messages
 * @param timeZone IANA time zone their quiet hours are read in
 * @param createdAt when the customer was added
 */
public record Customer(
    long id,
    String name,
    String phone,
    String email,
    String locale,
    String timeZone,
    Instant createdAt) {}
