package dev.forewarn.outreach.customers;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/devices}: registers a device or moves it to another owner.
 *
 * @param deviceId required; the id in the device's MQTT topics
 * @param customerId required; an existing customer, the primary contact
 * @param nickname optional; how messages name the device, e.g. "Living room air conditioner"
 * @param model optional product model
 * @param secondaryCustomerId optional; another existing customer, told when the owner cannot be
 *     reached on any channel
 */
public record NewDevice(
    @NotBlank(message = "is required")
        @Pattern(
            regexp = "[^/#+\\s]{1,128}",
            message = "must be 1-128 characters without / # + or spaces")
        String deviceId,
    @NotNull(message = "is required") Long customerId,
    @Size(max = 100, message = "is longer than 100 characters") String nickname,
    @Size(max = 100, message = "is longer than 100 characters") String model,
    Long secondaryCustomerId) {}
