package dev.forewarn.outreach.notify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.outreach.Actors;
import dev.forewarn.outreach.TestSchema;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.Channels;
import dev.forewarn.outreach.notify.DeliveryException;
import dev.forewarn.outreach.notify.OutgoingMessage;
import dev.forewarn.outreach.security.Role;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app channel without FCM credentials: app outbox rows land in the customer's in-app inbox on
 * the real PostgreSQL and reach a connected page over Server-Sent Events, resumable by {@code
 * Last-Event-ID}. Polling is slowed to a minute, so only NOTIFY can make messages arrive in time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class InboxIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final Duration WAIT = Duration.ofSeconds(10);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    registry.add("forewarn.outbox.poll-interval", () -> "1m");
    registry.add("forewarn.inbox.heartbeat", () -> "1m");
    registry.add("forewarn.inbox.max-streams-per-customer", () -> "2");
  }

  @LocalServerPort int port;
  @Autowired Actors actors;
  TestRestTemplate http;
  String staffToken;

  @BeforeEach
  void actAsManager() {
    http = actors.manager();
    staffToken = actors.staffToken(Role.AGENT);
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired Channels channels;
  @Autowired InboxStreams streams;

  @Test
  void anAppOutboxRowIsStoredInTheInboxAndStreamedToTheConnectedPage() throws Exception {
    long customer = customer();
    long caseId = openCase(customer);
    try (SseClient page = new SseClient(streamUrl(customer), null, staffToken)) {
      assertThat(page.status()).isEqualTo(200);

      long outboxId = queueAppMessage(caseId, "inst-1", "AC needs attention", "Check the filter.");

      SseClient.Event event = page.next(WAIT);
      assertThat(event).isNotNull();
      assertThat(event.name()).isEqualTo("message");
      JsonNode message = json.readTree(event.data());
      assertThat(message.get("text").asText()).isEqualTo("Check the filter.");
      assertThat(message.get("title").asText()).isEqualTo("AC needs attention");
      assertThat(message.get("installationId").asText()).isEqualTo("inst-1");
      assertThat(message.get("caseId").asLong()).isEqualTo(caseId);
      assertThat(message.get("readAt").isNull()).isTrue();
      assertThat(event.id()).isEqualTo(message.get("id").asText());
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          jdbc.queryForMap(
                              "SELECT status, provider, provider_id FROM outbox WHERE id = ?",
                              outboxId))
                      .containsEntry("status", "SENT")
                      .containsEntry("provider", "inbox")
                      .containsEntry("provider_id", "inbox-" + event.id()));
    }
    JsonNode inbox = http.getForObject("/api/customers/" + customer + "/inbox", JsonNode.class);
    assertThat(inbox).hasSize(1);
    assertThat(inbox.get(0).get("text").asText()).isEqualTo("Check the filter.");
  }

  @Test
  void aReconnectWithLastEventIdGetsEveryLaterMessageOnceAndInOrder() throws Exception {
    long customer = customer();
    long caseId = openCase(customer);
    for (String text : new String[] {"first", "second", "third"}) {
      queueAppMessage(caseId, "inst-2", "Title", text);
    }
    await().atMost(WAIT).until(() -> inboxSize(customer) == 3);
    // Several dispatch workers may store the three in any order; the inbox's ids say which.
    JsonNode newestFirst =
        http.getForObject("/api/customers/" + customer + "/inbox", JsonNode.class);
    String oldestId = newestFirst.get(2).get("id").asText();

    try (SseClient page = new SseClient(streamUrl(customer), oldestId, staffToken)) {
      assertThat(json.readTree(page.next(WAIT).data()).get("text").asText())
          .isEqualTo(newestFirst.get(1).get("text").asText());
      assertThat(json.readTree(page.next(WAIT).data()).get("text").asText())
          .isEqualTo(newestFirst.get(0).get("text").asText());
      queueAppMessage(caseId, "inst-2", "Title", "fourth");
      assertThat(json.readTree(page.next(WAIT).data()).get("text").asText()).isEqualTo("fourth");
      assertThat(page.next(Duration.ofMillis(500))).isNull();
    }
  }

  @Test
  void aStreamWithoutLastEventIdStartsFromNowAndShowsOnlyItsOwnCustomer() throws Exception {
    long customer = customer();
    long other = customer();
    long caseId = openCase(customer);
    queueAppMessage(caseId, "inst-3", "Title", "before the page opened");
    await().atMost(WAIT).until(() -> inboxSize(customer) == 1);

    try (SseClient page = new SseClient(streamUrl(customer), null, staffToken);
        SseClient otherPage = new SseClient(streamUrl(other), null, staffToken)) {
      assertThat(page.status()).isEqualTo(200);
      assertThat(otherPage.status()).isEqualTo(200);
      queueAppMessage(caseId, "inst-3", "Title", "after");

      assertThat(json.readTree(page.next(WAIT).data()).get("text").asText()).isEqualTo("after");
      assertThat(otherPage.next(Duration.ofSeconds(1))).isNull();
    }
  }

  @Test
  void theSameOutboxMessageDeliveredTwiceIsStoredOnce() throws Exception {
    long customer = customer();
    long caseId = openCase(customer);
    String reference = "case-" + caseId + "-opened-app";
    jdbc.update(
        "INSERT INTO outbox (case_id, step, channel, recipient, subject, body_text,"
            + " idempotency_key, status) VALUES (?, 'opened', 'app', 'inst-4', 'T', 'x', ?, 'SENDING')",
        caseId,
        reference);
    OutgoingMessage message =
        new OutgoingMessage(reference, "inst-4", Optional.of("T"), "x", Optional.empty());

    String first = channels.of(ChannelKind.APP).send(message);
    String again = channels.of(ChannelKind.APP).send(message);

    assertThat(again).isEqualTo(first).startsWith("inbox-");
    assertThat(inboxSize(customer)).isEqualTo(1);
  }

  @Test
  void aMessageWithoutACaseOrAnInstallationFailsForGood() {
    OutgoingMessage stray =
        new OutgoingMessage(
            "case-999999-opened-app", "inst-5", Optional.empty(), "x", Optional.empty());
    assertThatThrownBy(() -> channels.of(ChannelKind.APP).send(stray))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining(
            "no case with a customer for outbox reference case-999999-opened-app");
    OutgoingMessage noAddress =
        new OutgoingMessage("case-1-opened-app", " ", Optional.empty(), "x", Optional.empty());
    assertThatThrownBy(() -> channels.of(ChannelKind.APP).send(noAddress))
        .hasMessage("app installation id is empty");
  }

  @Test
  void markingReadKeepsTheFirstTimeAndOnlyWorksOnTheCustomersOwnMessages() throws Exception {
    long customer = customer();
    long other = customer();
    queueAppMessage(openCase(customer), "inst-6", "Title", "read me");
    await().atMost(WAIT).until(() -> inboxSize(customer) == 1);
    long id =
        http.getForObject("/api/customers/" + customer + "/inbox", JsonNode.class)
            .get(0)
            .get("id")
            .asLong();

    ResponseEntity<JsonNode> read = markRead(customer, id);
    ResponseEntity<JsonNode> readAgain = markRead(customer, id);

    assertThat(read.getStatusCode().value()).isEqualTo(200);
    assertThat(read.getBody().get("readAt").isNull()).isFalse();
    assertThat(readAgain.getBody().get("readAt")).isEqualTo(read.getBody().get("readAt"));
    assertThat(markRead(other, id).getStatusCode().value()).isEqualTo(404);
    assertThat(markRead(999_999, id).getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void badRequestsNameTheProblem() throws Exception {
    long customer = customer();
    ResponseEntity<JsonNode> unknown =
        http.getForEntity("/api/customers/999999/inbox", JsonNode.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    assertThat(unknown.getBody().get("error").asText()).isEqualTo("no customer with id 999999");

    ResponseEntity<JsonNode> tooMany =
        http.getForEntity("/api/customers/" + customer + "/inbox?limit=0", JsonNode.class);
    assertThat(tooMany.getStatusCode().value()).isEqualTo(400);
    assertThat(tooMany.getBody().get("field").asText()).isEqualTo("limit");

    try (SseClient badResume = new SseClient(streamUrl(customer), "yesterday", staffToken);
        SseClient noCustomer = new SseClient(streamUrl(999_999), null, staffToken)) {
      assertThat(badResume.status()).isEqualTo(400);
      assertThat(json.readTree(badResume.errorBody()))
          .isEqualTo(
              json.readTree(
                  "{\"field\":\"Last-Event-ID\","
                      + "\"error\":\"must be the id of an inbox message, was 'yesterday'\"}"));
      assertThat(noCustomer.status()).isEqualTo(404);
      assertThat(json.readTree(noCustomer.errorBody()).get("error").asText())
          .isEqualTo("no customer with id 999999");
    }
  }

  @Test
  void aClientThatStopsReadingHoldsUpNoOtherCustomersStream() throws Exception {
    long stalled = customer();
    long other = customer();
    long otherCase = openCase(other);
    int before = streams.openStreams();
    try (Socket notReading = new Socket()) {
      notReading.setReceiveBufferSize(4096);
      notReading.connect(new InetSocketAddress("127.0.0.1", port));
      notReading
          .getOutputStream()
          .write(
              ("GET /api/customers/"
                      + stalled
                      + "/inbox/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Accept: text/event-stream\r\nAuthorization: Bearer "
                      + staffToken
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      await().atMost(WAIT).until(() -> streams.openStreams() == before + 1);
      try (SseClient page = new SseClient(streamUrl(other), null, staffToken)) {
        assertThat(page.status()).isEqualTo(200);
        // Far more than the socket buffers hold: writing it to the client blocks.
        jdbc.update(
            "INSERT INTO app_inbox (reference, customer_id, installation_id, title, body_text)"
                + " SELECT 'bulk-' || ? || '-' || g, ?, 'inst-stalled', 'Title', repeat('x', 65536)"
                + " FROM generate_series(1, 400) g",
            stalled,
            stalled);
        jdbc.execute("NOTIFY app_inbox, '" + stalled + "'");

        queueAppMessage(otherCase, "inst-other", "Title", "for the reading customer");

        SseClient.Event event = page.next(WAIT);
        assertThat(event).isNotNull();
        assertThat(json.readTree(event.data()).get("text").asText())
            .isEqualTo("for the reading customer");
      }
    }
  }

  @Test
  void aCustomersOldestStreamMakesWayWhenTooManyAreOpen() throws Exception {
    long customer = customer();
    long caseId = openCase(customer);
    // One after the other, so that which one is the oldest is known.
    try (SseClient first = opened(customer);
        SseClient second = opened(customer);
        SseClient third = opened(customer)) {

      queueAppMessage(caseId, "inst-many", "Title", "to the newest streams");

      assertThat(second.next(WAIT)).isNotNull();
      assertThat(third.next(WAIT)).isNotNull();
      assertThat(first.next(Duration.ofSeconds(1))).isNull();
    }
  }

  private SseClient opened(long customer) throws Exception {
    SseClient client = new SseClient(streamUrl(customer), null, staffToken);
    assertThat(client.status()).isEqualTo(200);
    return client;
  }

  private long customer() {
    JsonNode created =
        http.postForObject(
            "/api/customers",
            Map.of("name", "Jane", "email", "jane-" + UUID.randomUUID() + "@example.com"),
            JsonNode.class);
    return created.get("id").asLong();
  }

  private long openCase(long customer) {
    return jdbc.queryForObject(
        "INSERT INTO cases (device_id, rule_id, rule_version, severity, status, episode_start,"
            + " opened_at, summary, customer_id) VALUES (?, 'overheat', 1, 'WARNING', 'OPEN',"
            + " now(), now(), 'compressor too hot', ?) RETURNING id",
        Long.class,
        "ac-" + UUID.randomUUID(),
        customer);
  }

  /** Adds a pending app message as intake would, and wakes the dispatcher. */
  private long queueAppMessage(long caseId, String installation, String title, String text) {
    long id =
        jdbc.queryForObject(
            "INSERT INTO outbox (case_id, step, channel, recipient, subject, body_text,"
                + " idempotency_key) VALUES (?, ?, 'app', ?, ?, ?, ?) RETURNING id",
            Long.class,
            caseId,
            "step-" + UUID.randomUUID(),
            installation,
            title,
            text,
            "app-" + UUID.randomUUID());
    jdbc.execute("NOTIFY outbox");
    return id;
  }

  private int inboxSize(long customer) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM app_inbox WHERE customer_id = ?", Integer.class, customer);
  }

  private ResponseEntity<JsonNode> markRead(long customer, long id) {
    return http.postForEntity(
        "/api/customers/" + customer + "/inbox/" + id + "/read", null, JsonNode.class);
  }

  private String streamUrl(long customer) {
    return "http://127.0.0.1:" + port + "/api/customers/" + customer + "/inbox/stream";
  }
}
