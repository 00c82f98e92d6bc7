package dev.forewarn.outreach;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A local stand-in for Twilio's Messages API (WireMock), answering in Twilio's documented format:
 * 201 with a Message resource by default, or an error body for the numbers a test chooses.
 */
public final class TwilioStandIn {

  public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
  public static final String AUTH_TOKEN = "test-auth-token";
  public static final String FROM = "+15005550006";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

  private final Map<String, com.github.tomakehurst.wiremock.stubbing.StubMapping> outages =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final WireMockServer server =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  public TwilioStandIn start() {
    server.start();
    acceptEverything();
    return this;
  }

  public void stop() {
    server.stop();
  }

  /** Points the service's Twilio channel at this stand-in, with its account, token and number. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("forewarn.twilio.account-sid", () -> ACCOUNT_SID);
    registry.add("forewarn.twilio.auth-token", () -> AUTH_TOKEN);
    registry.add("forewarn.twilio.from-number", () -> FROM);
    registry.add("forewarn.twilio.base-url", this::baseUrl);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Forgets recorded requests and special answers; every message is accepted again. */
  public void reset() {
    outages.clear();
    server.resetAll();
    acceptEverything();
  }

  /** Accepts every message after a delay, so that concurrent senders overlap. */
  public void acceptEverythingSlowly(int delayMillis) {
    server.stubFor(
        post(urlPathMatching(MESSAGES)).willReturn(created().withFixedDelay(delayMillis)));
  }

  /** Accepts messages to one number only after a delay, the others as usual. */
  public void acceptSlowly(String to, int delayMillis) {
    server.stubFor(
        post(urlPathMatching(MESSAGES))
            .atPriority(1)
            .withFormParam("To", equalTo(to))
            .willReturn(created().withFixedDelay(delayMillis)));
  }

  /** Answers the first message to a number with 503, the next ones with 201. */
  public void failOnceWith503(String to) {
    failOnce(to, 503, "error-503.json");
  }

  /** Answers the first message to a number with 429 (too many requests), the next ones with 201. */
  public void throttleOnceWith429(String to) {
    failOnce(to, 429, "error-429.json");
  }

  private void failOnce(String to, int status, String body) {
    String scenario = "fail-once-" + status + "-" + to;
    server.stubFor(
        post(urlPathMatching(MESSAGES))
            .atPriority(1)
            .withFormParam("To", equalTo(to))
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(error(status, body))
            .willSetStateTo("answered"));
    server.stubFor(
        post(urlPathMatching(MESSAGES))
            .atPriority(1)
            .withFormParam("To", equalTo(to))
            .inScenario(scenario)
            .whenScenarioStateIs("answered")
            .willReturn(created()));
  }

  /**
   * Answers the next {@code times} messages to a number with an error status and one of the
   * documented error bodies, the later ones with 201.
   */
  public void failTimes(String to, int status, String body, int times) {
    String scenario = "fail-" + times + "-" + status + "-" + to;
    for (int i = 0; i < times; i++) {
      server.stubFor(
          post(urlPathMatching(MESSAGES))
              .atPriority(1)
              .withFormParam("To", equalTo(to))
              .inScenario(scenario)
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
              .willReturn(error(status, body))
              .willSetStateTo("failed-" + (i + 1)));
    }
    server.stubFor(
        post(urlPathMatching(MESSAGES))
            .atPriority(1)
            .withFormParam("To", equalTo(to))
            .inScenario(scenario)
            .whenScenarioStateIs("failed-" + times)
            .willReturn(created()));
  }

  /** Answers every message to a number with 503 until {@link #recover} is called for it. */
  public void failWith503(String to) {
    outage(to, error(503, "error-503.json"));
  }

  /** Cuts every message request to a number off without an answer, until {@link #recover}. */
  public void resetConnections(String to) {
    outage(to, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
  }

  private void outage(String to, ResponseDefinitionBuilder answer) {
    outages.put(
        to,
        server.stubFor(
            post(urlPathMatching(MESSAGES))
                .atPriority(1)
                .withFormParam("To", equalTo(to))
                .willReturn(answer)));
  }

  /** Ends an outage {@link #failWith503} or {@link #resetConnections} began. */
  public void recover(String to) {
    var stub = outages.remove(to);
    if (stub != null) {
      server.removeStub(stub);
    }
  }

  /** How many message requests to a number were answered with a status. */
  public int answeredWith(String to, int status) {
    return (int) sentTo(to).stream().filter(e -> e.getResponse().getStatus() == status).count();
  }

  /** Refuses every message to a number with Twilio error 21610 (the recipient replied STOP). */
  public void refuseAsUnsubscribed(String to) {
    server.stubFor(
        post(urlPathMatching(MESSAGES))
            .atPriority(1)
            .withFormParam("To", equalTo(to))
            .willReturn(error(400, "error-21610.json")));
  }

  /**
   * From now on, listing the messages to a number (GET Messages.json?To=...) answers with the
   * messages the stand-in accepted for it so far, in Twilio's page format, newest first.
   */
  public void listWhatWasAccepted(String to) {
    ArrayNode messages = JSON.createArrayNode();
    for (ServeEvent event : sentTo(to)) {
      if (event.getResponse().getStatus() == 201) {
        try {
          ObjectNode message = (ObjectNode) JSON.readTree(event.getResponse().getBodyAsString());
          message.put(
              "date_created",
              RFC_2822.format(
                  event.getRequest().getLoggedDate().toInstant().atZone(ZoneOffset.UTC)));
          messages.insert(0, message);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    ObjectNode page = JSON.createObjectNode();
    String uri = MESSAGES + "?To=" + to + "&PageSize=50&Page=0";
    page.put("first_page_uri", uri);
    page.put("uri", uri);
    page.putNull("next_page_uri");
    page.putNull("previous_page_uri");
    page.put("page", 0);
    page.put("page_size", 50);
    page.put("start", 0);
    page.put("end", Math.max(0, messages.size() - 1));
    page.set("messages", messages);
    server.stubFor(
        get(urlPathMatching(MESSAGES))
            .atPriority(1)
            .withQueryParam("To", equalTo(to))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(page.toString())));
  }

  /** How often the messages to a number were listed (looked up). */
  public int lookupsFor(String to) {
    return (int)
        server.getAllServeEvents().stream()
            .filter(e -> e.getRequest().getMethod().getName().equals("GET"))
            .filter(e -> e.getRequest().getUrl().startsWith(MESSAGES))
            .filter(e -> to.equals(e.getRequest().queryParameter("To").firstValue()))
            .count();
  }

  /** Refuses every message to a number with Twilio error 21211 (invalid 'To' number). */
  public void refuseAsInvalidNumber(String to) {
    server.stubFor(
        post(urlPathMatching(MESSAGES))
            .atPriority(1)
            .withFormParam("To", equalTo(to))
            .willReturn(error(400, "error-21211.json")));
  }

  /**
   * Refuses every message to a number with error 21211 whose text names the number, as Twilio's own
   * answers do ("The 'To' number +1555… is not a valid phone number.").
   */
  public void refuseNamingTheNumber(String to) {
    ObjectNode body = JSON.createObjectNode();
    body.put("code", 21211);
    body.put("message", "The 'To' number " + to + " is not a valid phone number.");
    body.put("more_info", "https://www.twilio.com/docs/errors/21211");
    body.put("status", 400);
    server.stubFor(
        post(urlPathMatching(MESSAGES))
            .atPriority(1)
            .withFormParam("To", equalTo(to))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body.toString())));
  }

  /** The form parameters of every message request to a number, in arrival order. */
  public List<Map<String, String>> requestsTo(String to) {
    return sentTo(to).stream().map(event -> form(event.getRequest().getBodyAsString())).toList();
  }

  /** The responses the stand-in gave to requests for a number, in arrival order. */
  public List<ServeEvent> sentTo(String to) {
    List<ServeEvent> events =
        server.getAllServeEvents().stream()
            .filter(event -> event.getRequest().getUrl().startsWith(MESSAGES))
            .filter(event -> event.getRequest().getMethod().getName().equals("POST"))
            .filter(event -> to.equals(form(event.getRequest().getBodyAsString()).get("To")))
            .collect(java.util.stream.Collectors.toList());
    java.util.Collections.reverse(events);
    return events;
  }

  private void acceptEverything() {
    server.stubFor(post(urlPathMatching(MESSAGES)).atPriority(5).willReturn(created()));
    // Listing messages finds none unless a test says otherwise.
    server.stubFor(
        get(urlPathMatching(MESSAGES))
            .atPriority(5)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"messages\": [], \"uri\": \""
                            + MESSAGES
                            + "\", \"first_page_uri\": \""
                            + MESSAGES
                            + "\", \"next_page_uri\": null, \"previous_page_uri\": null,"
                            + " \"page\": 0, \"page_size\": 50, \"start\": 0, \"end\": 0}")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
    return aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(resource("message-created.json"))
        .withTransformers("response-template");
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(resource(body));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    Arrays.stream(body.split("&"))
        .map(pair -> pair.split("=", 2))
        .forEach(
            pair ->
                fields.put(
                    URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                    pair.length < 2 ? "" : URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    return fields;
  }

  private static String resource(String name) {
    try (InputStream in = TwilioStandIn.class.getResourceAsStream("/twilio/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
