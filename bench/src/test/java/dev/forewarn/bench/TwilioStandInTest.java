package dev.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioStandInTest {

  private static final String MESSAGES =
      "/2010-04-01/Accounts/" + TwilioStandIn.ACCOUNT_SID + "/Messages.json";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void answersACreateWithTwilios201MessageAndCountsARepeatAsDuplicate() throws Exception {
    DeliveryLedger ledger = new DeliveryLedger();
    try (TwilioStandIn standIn = new TwilioStandIn(ledger)) {
      HttpResponse<String> first = send(standIn, MESSAGES, "+15550000001", "Hi. Case #7");
      HttpResponse<String> again = send(standIn, MESSAGES, "+15550000001", "Hi. Case #7");

      assertThat(first.statusCode()).isEqualTo(201);
      JsonNode message = new ObjectMapper().readTree(first.body());
      assertThat(message.get("sid").asText()).matches("SM[0-9a-f]{32}");
      assertThat(message.get("status").asText()).isEqualTo("queued");
      assertThat(message.get("to").asText()).isEqualTo("+15550000001");
      assertThat(message.get("body").asText()).isEqualTo("Hi. Case #7");
      assertThat(message.get("account_sid").asText()).isEqualTo(TwilioStandIn.ACCOUNT_SID);
      assertThat(again.statusCode()).isEqualTo(201);
      assertThat(ledger.requests()).isEqualTo(2);
      assertThat(ledger.duplicates()).isEqualTo(1);
    }
  }

  @Test
  void anyOtherPathGetsTwiliosNotFoundErrorAndIsNotCounted() throws Exception {
    DeliveryLedger ledger = new DeliveryLedger();
    try (TwilioStandIn standIn = new TwilioStandIn(ledger)) {
      HttpResponse<String> response =
          send(standIn, "/2010-04-01/Accounts/ACother/Messages.json", "+15550000001", "x");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(new ObjectMapper().readTree(response.body()).get("code").asInt()).isEqualTo(20404);
      assertThat(ledger.requests()).isZero();
    }
  }

  @Test
  void refusesWith500Or429WhileToldToAndCountsNothingAccepted() throws Exception {
    try (TwilioStandIn standIn = new TwilioStandIn(new DeliveryLedger())) {
      standIn.mode(TwilioStandIn.Mode.ERROR_500);
      HttpResponse<String> failed = send(standIn, MESSAGES, "+15550000001", "Hi. Case #7");
      standIn.mode(TwilioStandIn.Mode.THROTTLE_429);
      HttpResponse<String> throttled = send(standIn, MESSAGES, "+15550000001", "Hi. Case #7");
      standIn.mode(TwilioStandIn.Mode.ACCEPT);
      HttpResponse<String> accepted = send(standIn, MESSAGES, "+15550000001", "Hi. Case #7");

      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(new ObjectMapper().readTree(failed.body()).get("code").asInt()).isEqualTo(20500);
      assertThat(throttled.statusCode()).isEqualTo(429);
      assertThat(new ObjectMapper().readTree(throttled.body()).get("code").asInt())
          .isEqualTo(20429);
      assertThat(accepted.statusCode()).isEqualTo(201);
      assertThat(standIn.sends().requests()).isEqualTo(3);
      assertThat(standIn.sends().refusedRequests()).isEqualTo(2);
      assertThat(standIn.sends().accepted()).isEqualTo(1);
      assertThat(standIn.sends().duplicated()).isZero();
    }
  }

  @Test
  void listsWhatItAcceptedForANumberAsTwiliosLookUpDoes() throws Exception {
    try (TwilioStandIn standIn = new TwilioStandIn(new DeliveryLedger())) {
      send(standIn, MESSAGES, "+15550000001", "Hi. Case #7");
      send(standIn, MESSAGES, "+15550000002", "Hi. Case #8");

      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(standIn.baseUrl() + MESSAGES + "?To=%2B15550000001&PageSize=50"))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(page.statusCode()).isEqualTo(200);
      JsonNode messages = new ObjectMapper().readTree(page.body()).get("messages");
      assertThat(messages).hasSize(1);
      assertThat(messages.get(0).get("body").asText()).isEqualTo("Hi. Case #7");
      assertThat(standIn.sends().lookups()).isEqualTo(1);
      assertThat(standIn.sends().lookupsFound()).isEqualTo(1);
    }
  }

  @Test
  void readsTheOutboxRowFromTheStatusCallbackUrl() {
    assertThat(
            TwilioStandIn.ref(
                "https://care.forewarn.test/webhooks/twilio/status?ref=case-12-opened-sms-0"))
        .isEqualTo("case-12-opened-sms-0");
    assertThat(TwilioStandIn.ref("https://care.forewarn.test/webhooks/twilio/status?ref=a%2Fb"))
        .isEqualTo("a/b");
    assertThat(TwilioStandIn.ref(null)).isNull();
  }

  @Test
  void countsEveryAcceptanceBeyondTheFirstForOneRowAsADuplicate() {
    ProviderSends sends = new ProviderSends();
    sends.accepted("row-1", "+15550000001", Map.of("sid", "SM1"));
    sends.accepted("row-2", "+15550000002", Map.of("sid", "SM2"));
    sends.accepted("row-1", "+15550000001", Map.of("sid", "SM3"));
    sends.accepted("row-1", "+15550000001", Map.of("sid", "SM4"));

    assertThat(sends.accepted()).isEqualTo(4);
    assertThat(sends.duplicated()).isEqualTo(2);
    assertThat(sends.refs()).containsExactlyInAnyOrder("row-1", "row-2");
    assertThat(sends.acceptedFor("+15550000001"))
        .extracting(m -> m.get("sid"))
        .as("newest first, as Twilio lists")
        .containsExactly("SM4", "SM3", "SM1");
  }

  private HttpResponse<String> send(TwilioStandIn standIn, String path, String to, String body)
      throws Exception {
    String form =
        "To="
            + URLEncoder.encode(to, StandardCharsets.UTF_8)
            + "&From=%2B15005550006&Body="
            + URLEncoder.encode(body, StandardCharsets.UTF_8);
    return http.send(
        HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
