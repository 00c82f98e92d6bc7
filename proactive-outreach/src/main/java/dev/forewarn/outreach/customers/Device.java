package dev.forewarn.outreach.customers;

import java.time.Instant;

/**
 * A device and who owns it.
 *
 * @param deviceId the id the device publishes telemetry under
 * @param customerId its owner
 * @param nickname what the owner calls it, or null
 * @param model the product model, or null
 * @param createdAt when it was first registered
 */
public record Device(
    String deviceId, long customerId, String nickname, String model, Instant createdAt) {}
