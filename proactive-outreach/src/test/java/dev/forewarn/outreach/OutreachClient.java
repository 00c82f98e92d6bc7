package dev.forewarn.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;

/** The outreach REST API as the integration tests use it. */
public final class OutreachClient {

  public static final Duration WAIT = Duration.ofSeconds(20);

  private final TestRestTemplate http;

  public OutreachClient(TestRestTemplate http) {
    this.http = http;
  }

  /** Registers a customer (phone and email may be null) owning a device; returns the customer. */
  public long owner(String name, String phone, String email, String device, String nickname) {
    Map<String, Object> customer = new HashMap<>();
    customer.put("name", name);
    customer.put("phone", phone);
    customer.put("email", email);
    long id = post("/api/customers", customer, 201).get("id").asLong();
    device(device, id, nickname);
    return id;
  }

  public void device(String device, long customerId, String nickname) {
    Map<String, Object> ownership = new HashMap<>();
    ownership.put("deviceId", device);
    ownership.put("customerId", customerId);
    ownership.put("nickname", nickname);
    ownership.put("model", "AC-200");
    var response = http.postForEntity("/api/devices", ownership, JsonNode.class);
    assertThat(response.getStatusCode().is2xxSuccessful()).as("%s", response.getBody()).isTrue();
  }

  public void preferences(long customerId, Map<String, Object> preferences) {
    var response =
        http.exchange(
            "/api/customers/" + customerId + "/preferences",
            HttpMethod.PUT,
            new HttpEntity<>(preferences),
            JsonNode.class);
    assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
  }

  public JsonNode awaitCase(String device, Predicate<JsonNode> condition) {
    return await()
        .atMost(WAIT)
        .until(
            () -> casesOf(device).stream().filter(condition).findFirst().orElse(null),
            Objects::nonNull);
  }

  public List<JsonNode> casesOf(String device) {
    List<JsonNode> mine = new ArrayList<>();
    get("/api/cases?limit=1000")
        .forEach(
            c -> {
              if (c.get("deviceId").asText().equals(device)) {
                mine.add(c);
              }
            });
    return mine;
  }

  public JsonNode theCase(long id) {
    return get("/api/cases/" + id);
  }

  public List<String> timelineKinds(long caseId) {
    List<String> kinds = new ArrayList<>();
    get("/api/cases/" + caseId + "/timeline").forEach(e -> kinds.add(e.get("kind").asText()));
    return kinds;
  }

  public String timelineText(long caseId) {
    return get("/api/cases/" + caseId + "/timeline").toString();
  }

  public static JsonNode notification(JsonNode theCase, String channel, String step) {
    for (JsonNode n : theCase.get("notifications")) {
      if (n.get("channel").asText().equals(channel) && n.get("step").asText().equals(step)) {
        return n;
      }
    }
    return null;
  }

  public static boolean sent(JsonNode theCase, String channel, String step) {
    JsonNode n = notification(theCase, channel, step);
    return n != null && n.get("status").asText().equals("SENT");
  }

  public static String status(JsonNode theCase, String channel, String step) {
    JsonNode n = notification(theCase, channel, step);
    return n == null ? null : n.get("status").asText();
  }

  public JsonNode get(String path) {
    var response = http.getForEntity(path, JsonNode.class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    return response.getBody();
  }

  public JsonNode post(String path, Object body, int expectedStatus) {
    var response = http.postForEntity(path, body, JsonNode.class);
    assertThat(response.getStatusCode().value())
        .as("POST %s answered %s", path, response.getBody())
        .isEqualTo(expectedStatus);
    return response.getBody();
  }

  /** A JSON document from its text, e.g. a rule as a request body. */
  public static JsonNode json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
