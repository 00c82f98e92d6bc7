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
