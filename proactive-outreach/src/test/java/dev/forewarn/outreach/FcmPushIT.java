package dev.forewarn.outreach;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * App push through FCM HTTP v1, on the real PostgreSQL, to a stand-in answering in FCM's documented
 * format: the push goes to the installation's registration token, and the bearer token is read from
 * a file that a renewing process rewrites.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class FcmPushIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final WireMockServer FCM =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  static final Path TOKEN_FILE;
  static final AtomicInteger NEXT = new AtomicInteger(1000 + (int) (Math.random() * 8000));
  static final Duration WAIT = Duration.ofSeconds(20);

  static {
    FCM.start();
    FCM.stubFor(
        post(urlEqualTo("/v1/projects/forewarn-test/messages:send"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"name\": \"projects/forewarn-test/messages/0:1500415314455276\"}")));
    try {
      TOKEN_FILE = Files.createTempFile("fcm-access-token", ".txt");
      Files.writeString(TOKEN_FILE, "ya29.first-token\n", StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    registry.add("forewarn.fcm.project-id", () -> "forewarn-test");
    registry.add("forewarn.fcm.access-token-file", TOKEN_FILE::toString);
    registry.add("forewarn.fcm.base-url", FCM::baseUrl);
  }

  @AfterAll
  static void stopStandIn() throws Exception {
    FCM.stop();
    Files.deleteIfExists(TOKEN_FILE);
  }

  @Autowired Actors actors;
  TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;

  @Test
  void pushGoesToTheRegistrationTokenWithABearerTokenThatIsRenewed() throws Exception {
    int n = NEXT.incrementAndGet();
    http = actors.manager();
    OutreachClient api = new OutreachClient(http);
    String first = "ac-push-1-" + n;
    String second = "ac-push-2-" + n;
    long customer = api.owner("Ari", null, null, first, "Nursery AC");
    api.device(second, customer, "Library AC");
    api.post(
        "/api/customers/" + customer + "/contact-points",
        Map.of(
            "channel",
            "app",
            "address",
            "inst-" + n,
            "platform",
            "android",
            "fcmToken",
            "registration-token-" + n),
        201);

    new CaseEvents(jdbc).insert(CaseEvents.opened(first));
    ServeEvent push = awaitPushes(1).get(0);
    JsonNode body = json.readTree(push.getRequest().getBodyAsString());
    assertThat(body.at("/message/token").asText()).isEqualTo("registration-token-" + n);
    assertThat(push.getRequest().getHeader("Authorization")).isEqualTo("Bearer ya29.first-token");

    Files.writeString(TOKEN_FILE, "ya29.renewed-token\n", StandardCharsets.UTF_8);
    new CaseEvents(jdbc).insert(CaseEvents.opened(second));
    ServeEvent renewed = awaitPushes(2).get(0);
    assertThat(renewed.getRequest().getHeader("Authorization"))
        .isEqualTo("Bearer ya29.renewed-token");
  }

  private List<ServeEvent> awaitPushes(int count) {
    return await().atMost(WAIT).until(FCM::getAllServeEvents, events -> events.size() >= count);
  }
}
