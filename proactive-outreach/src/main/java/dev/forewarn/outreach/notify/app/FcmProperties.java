package dev.forewarn.outreach.notify.app;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Firebase Cloud Messaging settings ({@code forewarn.fcm.*}). With a project id and an OAuth 2.0
 * access token (a file that a renewing process rewrites, or a fixed token for a short run) app
 * messages are pushed through FCM; without them they go to the in-app inbox; giving only part of it
 * is a startup error.
 *
 * @param projectId the Firebase project id
 * @param accessTokenFile a file holding the current bearer token with the {@code
 *     firebase.messaging} scope, read again whenever it changes (Google's tokens last about an
 *     hour)
 * @param accessToken a fixed bearer token instead of the file, e.g. for a test; it is never renewed
 * @param baseUrl where the FCM HTTP v1 API lives; a local stand-in in tests
 * @param timeout connect and answer timeout of one send
 */
@Validated
@ConfigurationProperties("forewarn.fcm")
public record FcmProperties(
    @Pattern(regexp = "[a-z][a-z0-9-]{4,28}[a-z0-9]", message = "must be a Firebase project id")
        String projectId,
    Path accessTokenFile,
    String accessToken,
    @NotNull @DefaultValue("https://fcm.googleapis.com") URI baseUrl,
    @NotNull @DefaultValue("10s") Duration timeout) {

  public FcmProperties {
    boolean token = accessTokenFile != null || !isBlank(accessToken);
    if (accessTokenFile != null && !isBlank(accessToken)) {
      throw new IllegalArgumentException(
          "forewarn.fcm.access-token-file and forewarn.fcm.access-token are both set: give one");
    }
    if (isBlank(projectId) == token) {
      throw new IllegalArgumentException(
          "forewarn.fcm."
              + (isBlank(projectId) ? "project-id" : "access-token-file")
              + " is missing: FCM needs both a project id and an access token");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("forewarn.fcm.timeout must be positive: " + timeout);
    }
  }

  /** Whether push notifications can really be sent. */
  public boolean configured() {
    return !isBlank(projectId);
  }

  /** Never shows the access token, should the properties be logged. */
  @Override
  public String toString() {
    return "FcmProperties[projectId="
        + projectId
        + ", accessTokenFile="
        + (accessTokenFile == null ? "-" : accessTokenFile)
        + ", accessToken="
        + (isBlank(accessToken) ? "-" : "(hidden)")
        + ", baseUrl="
        + baseUrl
        + ", timeout="
        + timeout
        + "]";
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
