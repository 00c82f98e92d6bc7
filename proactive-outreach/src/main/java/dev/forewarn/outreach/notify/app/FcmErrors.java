package dev.forewarn.outreach.notify.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.outreach.notify.DeliveryException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * FCM's documented errors as delivery outcomes. The body is a {@code google.rpc.Status} whose
 * {@code details} may hold an {@code FcmError} with the precise {@code errorCode}. A token that is
 * no longer registered or a message FCM calls invalid never succeeds by repetition; throttling,
 * outages and an expired access token (which its renewal fixes) may.
 */
final class FcmErrors {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> RETRYABLE =
      Set.of("UNAVAILABLE", "INTERNAL", "QUOTA_EXCEEDED", "RESOURCE_EXHAUSTED", "UNAUTHENTICATED");

  private FcmErrors() {}

  static DeliveryException classify(int status, String body, Optional<String> retryAfter) {
    JsonNode error = parse(body).path("error");
    String code = fcmErrorCode(error).orElse(error.path("status").asText(""));
    String reason =
        "FCM "
            + (code.isEmpty() ? "error" : code)
            + " (HTTP "
            + status
            + ")"
            + (error.path("message").isTextual() ? ": " + error.path("message").asText() : "");
    boolean retryable = RETRYABLE.contains(code) || status == 429 || status >= 500;
    if (!retryable) {
      return DeliveryException.permanent(reason, null);
    }
    Optional<Duration> hint = retryAfter.flatMap(value -> retryAfter(value, Instant.now()));
    if (status == 429 || code.equals("QUOTA_EXCEEDED") || code.equals("RESOURCE_EXHAUSTED")) {
      return DeliveryException.throttled(
          reason + hint.map(h -> " (retry after " + h.toSeconds() + " s)").orElse(""),
          hint.orElse(null),
          null);
    }
    return hint.isPresent()
        ? DeliveryException.retryableAfter(
            reason + " (retry after " + hint.get().toSeconds() + " s)", hint.get(), null)
        : DeliveryException.retryable(reason, null);
  }

  /** The {@code errorCode} of the first {@code google.firebase.fcm.v1.FcmError} detail. */
  private static Optional<String> fcmErrorCode(JsonNode error) {
    for (JsonNode detail : error.path("details")) {
      if (detail.path("@type").asText("").endsWith("google.firebase.fcm.v1.FcmError")
          && detail.path("errorCode").isTextual()) {
        return Optional.of(detail.path("errorCode").asText());
      }
    }
    return Optional.empty();
  }

  /** {@code Retry-After} as seconds or as an HTTP date; unreadable values are ignored. */
  static Optional<Duration> retryAfter(String value, Instant now) {
    String trimmed = value.strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
