package dev.forewarn.outreach.customers;

import dev.forewarn.outreach.web.BadRequestException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/customers/{id}/contact-points}.
 *
 * @param channel {@code sms}, {@code email} or {@code app}
 * @param address E.164 number (sms), email address (email) or installation id (app)
 * @param fcmToken app only, optional: the Firebase Cloud Messaging registration token
 * @param platform app only, required there: {@code android}, {@code ios} or {@code web}
 */
public record NewContactPoint(
    @NotBlank(message = "is required")
        @Pattern(regexp = "sms|email|app", message = "must be sms, email or app")
        String channel,
    @NotBlank(message = "is required") @Size(max = 254, message = "is longer than 254 characters")
        String address,
    @Size(max = 4096, message = "is longer than 4096 characters") String fcmToken,
    @Pattern(regexp = "android|ios|web", message = "must be android, ios or web") String platform) {

  static final String E164 = "\\+[1-9][0-9]{1,14}";
  static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

  /** The checks that depend on the channel; throws naming the field. */
  NewContactPoint checked() {
    switch (channel) {
      case "sms":
        if (!address.matches(E164)) {
          throw new BadRequestException(
              "address", "must be an E.164 number: + and country code, e.g. +14155550100");
        }
        break;
      case "email":
        if (!address.matches(EMAIL)) {
          throw new BadRequestException(
              "address", "must be an email address such as jane@example.com");
        }
        break;
      default:
        if (platform == null) {
          throw new BadRequestException("platform", "is required for an app installation");
        }
        if (!address.matches("[A-Za-z0-9._:-]{1,200}")) {
          throw new BadRequestException(
              "address", "must be an installation id of letters, digits, . _ : or -");
        }
        return this;
    }
    if (fcmToken != null || platform != null) {
      throw new BadRequestException(
          fcmToken != null ? "fcmToken" : "platform", "is only for app installations");
    }
    return this;
  }
}
