package dev.forewarn.outreach.customers;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One way to reach a customer: a mobile number, an email address or an app installation.
 *
 * @param id contact point id
 * @param customerId the customer
 * @param channel {@code sms}, {@code email} or {@code app}
 * @param address E.164 number, email address or installation id
 * @param fcmToken app installations: the Firebase Cloud Messaging token, when known
 * @param platform app installations: {@code android}, {@code ios} or {@code web}
 * @param createdAt when it was added
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactPoint(
    long id,
    long customerId,
    String channel,
    String address,
    String fcmToken,
    String platform,
    Instant createdAt) {}
