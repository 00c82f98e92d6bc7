package dev.forewarn.outreach.customers;

import java.time.Instant;

/**
 * A device and who to tell about it.
 *
 * @param deviceId the id the device publishes telemetry under
 * @param customerId its owner, the primary contact
 * @param secondaryCustomerId the secondary contact, told when the owner cannot be reached, or null
 * @param nickname what the owner calls it, or null
 * @param model the product model, or null
 * @param createdAt when it was first registered
 */
public record Device(
    String deviceId,
    long customerId,
    Long secondaryCustomerId,
    String nickname,
    String model,
    Instant createdAt) {}
