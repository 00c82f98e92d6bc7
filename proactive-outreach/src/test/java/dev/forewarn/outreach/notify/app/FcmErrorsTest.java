package dev.forewarn.outreach.notify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FcmErrorsTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    assertThat(FcmErrors.retryAfter("120", NOW)).hasValue(Duration.ofMinutes(2));
    assertThat(FcmErrors.retryAfter("Sun, 22 Nov 2026 10:00:45 GMT", NOW))
        .hasValue(Duration.ofSeconds(45));
    assertThat(FcmErrors.retryAfter("Sun, 22 Nov 2026 09:00:00 GMT", NOW)).hasValue(Duration.ZERO);
    assertThat(FcmErrors.retryAfter("soon", NOW)).isEmpty();
  }

  @Test
  void withoutAnFcmErrorDetailTheRpcStatusDecides() {
    String expired =
        "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\","
            + "\"status\":\"UNAUTHENTICATED\"}}";
    assertThat(FcmErrors.classify(401, expired, Optional.empty()).retryable()).isTrue();
    assertThat(
            FcmErrors.classify(
                    403, "{\"error\":{\"status\":\"PERMISSION_DENIED\"}}", Optional.empty())
                .retryable())
        .isFalse();
    assertThat(FcmErrors.classify(502, "<html>Bad gateway</html>", Optional.empty()))
        .hasMessage("FCM error (HTTP 502)")
        .satisfies(e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  void givingOnlyPartOfTheCredentialsIsRefusedNamingTheMissingProperty() {
    URI base = URI.create("https://fcm.googleapis.com");
    Duration second = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new FcmProperties("forewarn-test", null, null, base, second))
        .hasMessageStartingWith("forewarn.fcm.access-token-file is missing");
    assertThatThrownBy(() -> new FcmProperties(null, null, "token", base, second))
        .hasMessageStartingWith("forewarn.fcm.project-id is missing");
    assertThatThrownBy(() -> new FcmProperties(null, Path.of("token.txt"), null, base, second))
        .hasMessageStartingWith("forewarn.fcm.project-id is missing");
    assertThatThrownBy(
            () -> new FcmProperties("forewarn-test", Path.of("token.txt"), "token", base, second))
        .hasMessageContaining("both set");
    assertThat(new FcmProperties(null, null, null, base, second).configured()).isFalse();
  }
}
