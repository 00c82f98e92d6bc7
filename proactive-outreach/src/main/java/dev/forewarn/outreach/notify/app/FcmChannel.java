package dev.forewarn.outreach.notify.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.outreach.notify.Channel;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.DeliveryException;
import dev.forewarn.outreach.notify.OutgoingMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * App push notifications through the FCM HTTP v1 API ({@code POST
 * /v1/projects/{projectId}/messages:send}). The outbox addresses an app installation; the push goes
 * to that installation's FCM registration token. One HTTP call per attempt: retries belong to the
 * outbox.
 */
final class FcmChannel implements Channel {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FcmProperties properties;
  private final Function<String, Optional<String>> registrationToken;
  private final BearerToken bearer;
  private final URI endpoint;
  private final HttpClient http;

  /**
   * @param registrationToken the FCM registration token of an app installation id, when it has one
   */
  FcmChannel(FcmProperties properties, Function<String, Optional<String>> registrationToken) {
    this.properties = properties;
    this.registrationToken = registrationToken;
    this.bearer = BearerToken.of(properties);
    String base = properties.baseUrl().toString().replaceAll("/+$", "");
    this.endpoint = URI.create(base + "/v1/projects/" + properties.projectId() + "/messages:send");
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.APP;
  }

  @Override
  public String provider() {
    return "fcm";
  }

  @Override
  public boolean configured() {
    return true;
  }

  /**
   * @return the message name FCM gave it, {@code projects/{projectId}/messages/{id}}
   */
  @Override
  public String send(OutgoingMessage message) throws DeliveryException {
    String token =
        registrationToken
            .apply(message.address())
            .filter(t -> !t.isBlank())
            .orElseThrow(
                () ->
                    DeliveryException.permanent(
                        "app installation " + message.address() + " has no FCM registration token",
                        null));
    String authorization;
    try {
      authorization = "Bearer " + bearer.current();
    } catch (IOException e) {
      throw DeliveryException.retryable("FCM: no access token: " + e.getMessage(), e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(properties.timeout())
            .header("Authorization", authorization)
            .header("Content-Type", "application/json; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body(message, token), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw DeliveryException.retryable("FCM: no answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryException.retryable("FCM: interrupted while sending", e);
    }
    if (response.statusCode() == 401) {
      bearer.refused();
    }
    if (response.statusCode() != 200) {
      throw FcmErrors.classify(
          response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
    }
    return name(response.body());
  }

  /** {@code {"message":{"token":…,"notification":{"title":…,"body":…},"data":{…}}}}. */
  static String body(OutgoingMessage message, String registrationToken) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode fcm = root.putObject("message");
    fcm.put("token", registrationToken);
    ObjectNode notification = fcm.putObject("notification");
    notification.put("title", message.subject().orElse(InboxChannel.DEFAULT_TITLE));
    notification.put("body", message.text());
    // The app can tell a repeated push by the outbox reference.
    fcm.putObject("data").put("reference", message.reference());
    return root.toString();
  }

  private static String name(String body) throws DeliveryException {
    try {
      JsonNode name = JSON.readTree(body).path("name");
      if (name.isTextual() && !name.asText().isBlank()) {
        return name.asText();
      }
    } catch (IOException e) {
      // reported below
    }
    // FCM accepted it (200): trying again could show the customer the notification twice.
    throw DeliveryException.permanent("FCM: 200 without a message name: " + body, null);
  }
}
