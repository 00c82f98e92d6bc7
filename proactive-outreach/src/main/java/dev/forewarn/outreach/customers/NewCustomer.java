package dev.forewarn.outreach.customers;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/customers}.
 *
 * @param name required
 * @param phone optional; E.164, e.g. {@code +821012345678}
 * @param email optional
 * @param locale optional language tag, {@code en} when absent
 * @param timeZone optional IANA time zone for quiet hours, {@code UTC} when absent
 */
public record NewCustomer(
    @NotBlank(message = "is required") @Size(max = 200, message = "is longer than 200 characters")
        String name,
    @Pattern(
            regexp = "\\+[1-9][0-9]{1,14}",
            message =
                "must be an E.164 number: + and country code, up to 15 digits, e.g. +14155550100")
        String phone,
    @Email(
            regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
            message = "must be an email address such as jane@example.com")
        @Size(max = 254, message = "is longer than 254 characters")
        String email,
    @Pattern(
            regexp = "[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*",
            message = "must be a language tag such as en or ko-KR")
        String locale,
    @TimeZoneId String timeZone) {}
