package dev.forewarn.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.security.RequestValidator;
import dev.forewarn.outreach.security.Role;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Request bodies that are too large or not the JSON they claim to be, sent as raw bytes to the
 * running service on the real PostgreSQL: each gets 413 or 400 with an error that says what is
 * wrong, never a 5xx, and no table gains or loses a row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class RequestLimitsIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final String ROOT = RetainedRules.newRoot();
  static final int LIMIT = 1024 * 1024;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    TWILIO.register(registry);
    registry.add("forewarn.outreach.public-url", () -> TwilioWebhooks.PUBLIC_URL);
    registry.add("forewarn.mqtt.url", () -> RetainedRules.MQTT_URL);
    registry.add("forewarn.mqtt.rules-topic", () -> ROOT + "/+");
  }

  @AfterAll
  static void stopStandIn() {
    TWILIO.stop();
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();
  private String manager;
  private Map<String, Long> before;

  @BeforeEach
  void snapshot() {
    manager = actors.staffToken(Role.MANAGER);
    before = TableCounts.of(jdbc);
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413NamingTheLimitAndNothingIsStored() throws Exception {
    String name = "A".repeat(LIMIT);
    byte[] customer = ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] rule = ("{\"id\":\"big\",\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
    Map<String, String> sms = new LinkedHashMap<>();
    sms.put("MessageSid", "SMbig");
    sms.put("From", "+14155550100");
    sms.put("Body", name);
    String signature =
        TwilioWebhooks.sign(
            TwilioWebhooks.PUBLIC_URL + "/webhooks/twilio/inbound", sms, TwilioStandIn.AUTH_TOKEN);

    HttpResponse<String> declared = send("POST", "/api/customers", JSON, customer, false, manager);
    HttpResponse<String> chunked = send("POST", "/api/customers", JSON, customer, true, manager);
    HttpResponse<String> ruleBody = send("POST", "/api/rules", JSON, rule, true, manager);
    HttpResponse<String> anonymous = send("POST", "/api/customers", JSON, customer, false, null);
    HttpResponse<String> webhook =
        sendSigned("/webhooks/twilio/inbound", form(sms), false, signature);
    HttpResponse<String> chunkedForm =
        sendSigned("/webhooks/twilio/inbound", form(sms), true, signature);

    assertThat(new RequestValidator(TwilioStandIn.AUTH_TOKEN))
        .as("the oversized webhook is otherwise genuine")
        .matches(
            v ->
                v.validate(TwilioWebhooks.PUBLIC_URL + "/webhooks/twilio/inbound", sms, signature));
    for (HttpResponse<String> refused :
        new HttpResponse[] {declared, chunked, ruleBody, anonymous, webhook}) {
      assertThat(refused.statusCode()).as("%s", refused.uri()).isEqualTo(413);
      assertThat(error(refused))
          .isEqualTo("the request body is larger than the limit of 1 MiB (1048576 bytes)");
    }
    assertThat(chunkedForm.statusCode()).isEqualTo(411);
    assertThat(error(chunkedForm)).isEqualTo("a form body must declare its Content-Length");
    assertThat(TableCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void aBrowsersOversizedFormGetsAPageSayingSoAndAnApiCallStillGetsJson() throws Exception {
    byte[] form = ("name=" + "C".repeat(LIMIT)).getBytes(StandardCharsets.UTF_8);
    String page = "text/html,application/xhtml+xml,*/*;q=0.8";

    HttpResponse<String> console =
        send("POST", "/console/rules/new", FORM, page, form, false, null);
    HttpResponse<String> chunked = send("POST", "/console/rules/new", FORM, page, form, true, null);
    HttpResponse<String> api = send("POST", "/api/customers", FORM, page, form, false, null);

    assertThat(console.statusCode()).isEqualTo(413);
    assertThat(console.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(console.body())
        .contains("<title>Too large</title>")
        .contains("Nothing was saved: the request body is larger than the limit of 1 MiB");
    assertThat(chunked.statusCode()).isEqualTo(411);
    assertThat(chunked.body()).contains("a form body must declare its Content-Length");
    assertThat(api.statusCode()).isEqualTo(413);
    assertThat(error(api))
        .isEqualTo("the request body is larger than the limit of 1 MiB (1048576 bytes)");
    assertThat(TableCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void aBodyOfExactlyTheLimitIsReadAndJudgedOnItsContent() throws Exception {
    String json = "{\"name\":\"" + "B".repeat(201) + "\"}";
    byte[] customer = (json + " ".repeat(LIMIT - json.length())).getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> declared = send("POST", "/api/customers", JSON, customer, false, manager);
    HttpResponse<String> chunked = send("POST", "/api/customers", JSON, customer, true, manager);

    assertThat(customer.length).isEqualTo(LIMIT);
    for (HttpResponse<String> judged : new HttpResponse[] {declared, chunked}) {
      assertThat(judged.statusCode()).isEqualTo(400);
      assertThat(body(judged).get("field").asText()).isEqualTo("name");
      assertThat(error(judged)).isEqualTo("is longer than 200 characters");
    }
    assertThat(TableCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void aSignedSmsLongerThanTwilioDeliversIsRefusedAndOneOfTheLimitIsKept() throws Exception {
    HttpResponse<String> tooLong = sendSms("SMlong", "\u00e9".repeat(1601));
    Map<String, Long> afterRefusal = TableCounts.of(jdbc);
    HttpResponse<String> longest = sendSms("SMlongest", "\u00e9".repeat(1600));

    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body())
        .isEqualTo("Body is longer than 1600 characters, the most an SMS carries");
    assertThat(afterRefusal).isEqualTo(before);
    assertThat(longest.statusCode()).isEqualTo(200);
    assertThat(
            jdbc.queryForObject(
                "SELECT length(body) FROM inbound_messages WHERE message_sid = 'SMlongest'",
                Integer.class))
        .isEqualTo(1600);
  }

  @Test
  void malformedJsonGets400SayingWhatIsWrongAndWhere() throws Exception {
    Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
    answers.put("truncated", post("/api/customers", "{\"name\":\"Jo"));
    answers.put("object for a string", post("/api/customers", "{\"name\":{\"first\":\"Jo\"}}"));
    answers.put("list for the body", post("/api/customers", "[]"));
    answers.put(
        "text for a number", post("/api/devices", "{\"deviceId\":\"ac-1\",\"customerId\":\"x\"}"));
    answers.put(
        "list for a number", post("/api/devices", "{\"deviceId\":\"ac-1\",\"customerId\":[1]}"));
    answers.put(
        "number out of range",
        post("/api/devices", "{\"deviceId\":\"ac-1\",\"customerId\":99999999999999999999}"));
    answers.put("not JSON", post("/api/customers", "name=Jo"));
    answers.put("empty", post("/api/customers", ""));
    answers.put(
        "bad UTF-8",
        send(
            "POST",
            "/api/customers",
            JSON,
            new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xff, '"', '}'},
            false,
            manager));

    answers.put(
        "object for a time",
        post("/api/tokens", "{\"name\":\"t\",\"role\":\"AGENT\",\"expiresAt\":{}}"));
    answers.forEach(
        (what, answer) ->
            assertThat(answer.statusCode()).as("%s: %s", what, answer.body()).isEqualTo(400));
    assertThat(body(answers.get("truncated")).get("field").asText()).isEqualTo("name");
    assertThat(error(answers.get("truncated")))
        .startsWith("the body is not valid JSON: Unexpected end-of-input")
        .endsWith("(line 1, column 12)");
    assertThat(body(answers.get("object for a string")).get("field").asText()).isEqualTo("name");
    assertThat(error(answers.get("object for a string")))
        .isEqualTo("must be a string, not an object");
    assertThat(error(answers.get("list for the body")))
        .isEqualTo("the body must be an object, not a list");
    assertThat(body(answers.get("text for a number")).get("field").asText())
        .isEqualTo("customerId");
    assertThat(error(answers.get("text for a number"))).isEqualTo("cannot read 'x'");
    assertThat(body(answers.get("list for a number")).get("field").asText())
        .isEqualTo("customerId");
    assertThat(error(answers.get("list for a number")))
        .isEqualTo("must be a whole number, not a list");
    assertThat(body(answers.get("number out of range")).get("field").asText())
        .isEqualTo("customerId");
    assertThat(error(answers.get("number out of range")))
        .isEqualTo("is out of range for a whole number");
    assertThat(body(answers.get("object for a time")).get("field").asText()).isEqualTo("expiresAt");
    assertThat(error(answers.get("object for a time"))).isEqualTo("cannot be an object");
    assertThat(error(answers.get("not JSON"))).startsWith("the body is not valid JSON: ");
    assertThat(error(answers.get("empty"))).isEqualTo("the request needs a JSON body");
    assertThat(error(answers.get("bad UTF-8"))).startsWith("the body is not valid JSON: ");
    assertThat(answers.values()).allSatisfy(a -> assertThat(a.body()).doesNotContain("java."));
    assertThat(TableCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void jsonNestedThousandsDeepGets400NamingTheDepthLimit() throws Exception {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    String deepObject = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);

    HttpResponse<String> customer =
        post("/api/customers", "{\"name\":\"Jo\",\"extra\":" + deep + "}");
    HttpResponse<String> patch =
        send(
            "PATCH",
            "/api/devices/ac-1",
            JSON,
            ("{\"nickname\":" + deepObject + "}").getBytes(StandardCharsets.UTF_8),
            false,
            manager);
    HttpResponse<String> backtest = post("/api/backtests", "{\"rule\":" + deepObject + "}");
    HttpResponse<String> rule = post("/api/rules", "{\"id\":\"deep\",\"condition\":" + deep + "}");
    HttpResponse<String> check = post("/api/rules/validate", deepObject);

    for (HttpResponse<String> refused :
        new HttpResponse[] {customer, patch, backtest, rule, check}) {
      assertThat(refused.statusCode()).as("%s %s", refused.uri(), refused.body()).isEqualTo(400);
      assertThat(error(refused)).startsWith("the JSON nests deeper than the limit of 100 levels");
    }
    assertThat(body(rule).get("field").asText()).isEqualTo("$");
    assertThat(TableCounts.of(jdbc)).isEqualTo(before);
  }

  @Test
  void textThatTheDatabaseCannotStoreGets400NotA500() throws Exception {
    HttpResponse<String> nul = post("/api/customers", "{\"name\":\"Jo\\u0000e\"}");

    assertThat(nul.statusCode()).as("%s", nul.body()).isEqualTo(400);
    assertThat(error(nul))
        .isEqualTo("the request cannot be stored: text may not contain the NUL character (U+0000)");
    assertThat(TableCounts.of(jdbc)).isEqualTo(before);
  }

  // --- helpers -------------------------------------------------------------------------------

  private static final String JSON = "application/json";
  private static final String FORM = "application/x-www-form-urlencoded";

  private HttpResponse<String> post(String path, String body) {
    return send("POST", path, JSON, body.getBytes(StandardCharsets.UTF_8), false, manager);
  }

  private HttpResponse<String> send(
      String method, String path, String type, byte[] body, boolean chunked, String token) {
    return send(method, path, type, JSON, body, chunked, token);
  }

  private HttpResponse<String> send(
      String method,
      String path,
      String type,
      String accept,
      byte[] body,
      boolean chunked,
      String token) {
    HttpRequest.BodyPublisher publisher =
        chunked
            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
            : HttpRequest.BodyPublishers.ofByteArray(body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", type)
            .header("Accept", accept)
            .method(method, publisher);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }

  private HttpResponse<String> sendSigned(
      String path, byte[] form, boolean chunked, String signature) {
    HttpRequest.BodyPublisher publisher =
        chunked
            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form))
            : HttpRequest.BodyPublishers.ofByteArray(form);
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("X-Twilio-Signature", signature)
              .POST(publisher)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("POST " + path + " failed", e);
    }
  }

  private HttpResponse<String> sendSms(String sid, String text) {
    Map<String, String> sms = new LinkedHashMap<>();
    sms.put("MessageSid", sid);
    sms.put("From", "+14155550111");
    sms.put("Body", text);
    String signature =
        TwilioWebhooks.sign(
            TwilioWebhooks.PUBLIC_URL + "/webhooks/twilio/inbound", sms, TwilioStandIn.AUTH_TOKEN);
    return sendSigned("/webhooks/twilio/inbound", form(sms), false, signature);
  }

  private static byte[] form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"))
        .getBytes(StandardCharsets.UTF_8);
  }

  private JsonNode body(HttpResponse<String> answer) {
    try {
      return json.readTree(answer.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + answer.body(), e);
    }
  }

  private String error(HttpResponse<String> answer) {
    JsonNode error = body(answer).get("error");
    assertThat(error).as("%s", answer.body()).isNotNull();
    return error.asText();
  }
}
