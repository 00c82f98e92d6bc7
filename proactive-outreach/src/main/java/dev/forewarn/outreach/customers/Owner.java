package dev.forewarn.outreach.customers;

import java.util.Optional;

/**
 * The owner of a device with the contact points to reach them, as intake needs it.
 *
 * @param customerId the customer
 * @param name how to address them
 * @param phone mobile number in E.164, when known
 * @param email email address, when known
 * @param locale language tag for messages
 * @param deviceNickname what they call the device, when given
 * @param deviceModel the device's model, when known
 */
public record Owner(
    long customerId,
    String name,
    Optional<String> phone,
    Optional<String> email,
    String locale,
    Optional<String> deviceNickname,
    Optional<String> deviceModel) {}
