package dev.forewarn.outreach.notify.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.forewarn.outreach.notify.DeliveryException;
import dev.forewarn.outreach.notify.OutgoingMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The FCM adapter against a local stand-in answering in FCM's documented format. */
class FcmChannelTest {

  private static final String SEND = "/v1/projects/forewarn-test/messages:send";
  private static final String TOKEN = "fcm-registration-token-1";
  private static final OutgoingMessage PUSH =
      new OutgoingMessage(
          "case-7-opened-app",
          TOKEN,
          Optional.of("Living room AC needs attention"),
          "We noticed a problem before it stopped working. Case #7",
          Optional.empty());

  private final WireMockServer fcm =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  @BeforeEach
  void start() {
    fcm.start();
  }

  @AfterEach
  void stop() {
    fcm.stop();
  }

  @Test
  void postsTheDocumentedMessageWithTheBearerTokenAndReturnsFcmsMessageName() throws Exception {
    answer(200, "sent.json", null);

    String name = channel(fcm.baseUrl()).send(PUSH);

    assertThat(name)
        .isEqualTo("projects/forewarn-test/messages/0:1500415314455276%31bd1c9631bd1c96");
    fcm.verify(
        postRequestedFor(urlEqualTo(SEND))
            .withHeader("Authorization", equalTo("Bearer test-access-token"))
            .withRequestBody(
                equalToJson(
                    "{\"message\":{\"token\":\"fcm-registration-token-1\","
                        + "\"notification\":{\"title\":\"Living room AC needs attention\","
                        + "\"body\":\"We noticed a problem before it stopped working. Case #7\"},"
                        + "\"data\":{\"reference\":\"case-7-opened-app\"}}}")));
  }

  @Test
  void anUnregisteredTokenFailsForGoodWithFcmsReason() {
    answer(404, "unregistered.json", null);

    assertThatThrownBy(() -> channel(fcm.baseUrl()).send(PUSH))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessage("FCM UNREGISTERED (HTTP 404): Requested entity was not found.");
  }

  @Test
  void anInvalidArgumentFailsForGood() {
    answer(400, "invalid-argument.json", null);

    assertThatThrownBy(() -> channel(fcm.baseUrl()).send(PUSH))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageStartingWith("FCM INVALID_ARGUMENT (HTTP 400)");
  }

  @Test
  void throttlingIsRetryableAndCarriesRetryAfterAsTheHint() {
    answer(429, "quota-exceeded.json", "30");

    assertThatThrownBy(() -> channel(fcm.baseUrl()).send(PUSH))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(30));
            })
        .hasMessageStartingWith("FCM QUOTA_EXCEEDED (HTTP 429)")
        .hasMessageEndingWith("(retry after 30 s)");
  }

  @Test
  void anOutageIsRetryableWithOrWithoutAHint() {
    answer(503, "unavailable.json", "Wed, 21 Oct 2099 07:28:00 GMT");
    assertThatThrownBy(() -> channel(fcm.baseUrl()).send(PUSH))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.retryAfter()).isPresent();
            })
        .hasMessageStartingWith("FCM UNAVAILABLE (HTTP 503)");

    fcm.resetAll();
    answer(500, "internal.json", null);
    assertThatThrownBy(() -> channel(fcm.baseUrl()).send(PUSH))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.retryAfter()).isEmpty();
            })
        .hasMessageStartingWith("FCM INTERNAL (HTTP 500)");
  }

  @Test
  void noAnswerIsRetryable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(() -> channel("http://127.0.0.1:" + closedPort).send(PUSH))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageStartingWith("FCM: no answer");
  }

  @Test
  void anAnswerWithoutAMessageNameIsNotRetriedBecauseFcmAcceptedIt() {
    fcm.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(200).withBody("{}")));

    assertThatThrownBy(() -> channel(fcm.baseUrl()).send(PUSH))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("200 without a message name");
  }

  private void answer(int status, String body, String retryAfter) {
    var response =
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json; charset=UTF-8")
            .withBody(resource(body));
    if (retryAfter != null) {
      response = response.withHeader("Retry-After", retryAfter);
    }
    fcm.stubFor(post(urlEqualTo(SEND)).willReturn(response));
  }

  private static FcmChannel channel(String baseUrl) {
    return new FcmChannel(
        new FcmProperties(
            "forewarn-test", null, "test-access-token", URI.create(baseUrl), Duration.ofSeconds(5)),
        installation -> Optional.of(installation));
  }

  private static String resource(String name) {
    try (InputStream in = FcmChannelTest.class.getResourceAsStream("/fcm/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
