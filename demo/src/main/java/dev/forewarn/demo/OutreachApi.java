package dev.forewarn.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The few calls the demo makes to the outreach service's REST API, as any client would: with an API
 * token, {@code Authorization: Bearer}.
 */
final class OutreachApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * @param token a manager's API token
   */
  OutreachApi(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** Registers a customer and returns its id. */
  long addCustomer(String name, String phone, String email) throws IOException {
    JsonNode created =
        send(
            "POST",
            "/api/customers",
            Map.of("name", name, "phone", phone, "email", email, "locale", "en"));
    return created.get("id").asLong();
  }

  void addDevice(String deviceId, long customerId, String nickname, String model)
      throws IOException {
    send(
        "POST",
        "/api/devices",
        Map.of(
            "deviceId", deviceId, "customerId", customerId, "nickname", nickname, "model", model));
  }

  void addRule(String ruleJson) throws IOException {
    send("POST", "/api/rules", JSON.readTree(ruleJson));
  }

  void removeRule(String ruleId) throws IOException {
    send("DELETE", "/api/rules/" + ruleId, null);
  }

  JsonNode stats() throws IOException {
    return send("GET", "/api/stats", null);
  }

  private JsonNode send(String method, String path, Object body) throws IOException {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .method(method, publisher)
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IOException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(method + " " + path + " interrupted", e);
    }
  }
}
