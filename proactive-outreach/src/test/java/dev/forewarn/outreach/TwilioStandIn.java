package dev.forewarn.outreach;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for Twilio's Messages API (WireMock), answering in Twilio's documented format:
 * 201 with a Message resource by default, or an error body for the numbers a test chooses.
 */
public final class TwilioStandIn {

  public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
  public static final String AUTH_TOKEN = "test-auth-token";
  public static final String FROM = "+15005550006";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

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

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Forgets recorded requests and special answers; every message is accepted again. */
  public void reset() {
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
    String scenario = "outage-" + to;
    server.stubFor(
        post(urlPathMatching(MESSAGES))
            .atPriority(1)
            .withFormParam("To", equalTo(to))
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(error(503, "error-503.json"))
            .willSetStateTo("recovered"));
    server.stubFor(
        post(urlPathMatching(MESSAGES))
            .atPriority(1)
            .withFormParam("To", equalTo(to))
            .inScenario(scenario)
            .whenScenarioStateIs("recovered")
            .willReturn(created()));
  }

  /** Refuses every message to a number with Twilio error 21211 (invalid 'To' number). */
  public void refuseAsInvalidNumber(String to) {
    server.stubFor(
        post(urlPathMatching(MESSAGES))
            .atPriority(1)
            .withFormParam("To", equalTo(to))
            .willReturn(error(400, "error-21211.json")));
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
            .filter(event -> to.equals(form(event.getRequest().getBodyAsString()).get("To")))
            .collect(java.util.stream.Collectors.toList());
    java.util.Collections.reverse(events);
    return events;
  }

  private void acceptEverything() {
    server.stubFor(post(urlPathMatching(MESSAGES)).atPriority(5).willReturn(created()));
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
