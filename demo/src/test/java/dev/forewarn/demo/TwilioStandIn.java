package dev.forewarn.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * Twilio's Messages API on localhost (WireMock): every message is accepted with 201 and a Message
 * resource in Twilio's documented format, echoing the form's To, From and Body.
 */
final class TwilioStandIn implements AutoCloseable {

  static final String ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
  static final String AUTH_TOKEN = "e2e-auth-token";
  static final String FROM = "+15005550006";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

  private static final String MESSAGE_RESOURCE =
      """
      {{formData request.body 'form' urlDecode=true}}{
        "account_sid": "%s",
        "api_version": "2010-04-01",
        "body": "{{{form.Body}}}",
        "date_created": "Sun, 22 Nov 2026 10:00:00 +0000",
        "date_sent": null,
        "date_updated": "Sun, 22 Nov 2026 10:00:00 +0000",
        "direction": "outbound-api",
        "error_code": null,
        "error_message": null,
        "from": "{{{form.From}}}",
        "messaging_service_sid": null,
        "num_media": "0",
        "num_segments": "1",
        "price": null,
        "price_unit": "USD",
        "sid": "SM{{randomValue length=32 type='HEXADECIMAL'}}",
        "status": "queued",
        "subresource_uris": {"media": "/2010-04-01/Accounts/%s/Messages/SM/Media.json"},
        "to": "{{{form.To}}}",
        "uri": "/2010-04-01/Accounts/%s/Messages/SM.json"
      }
      """
          .formatted(ACCOUNT_SID, ACCOUNT_SID, ACCOUNT_SID);

  private final WireMockServer server =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  TwilioStandIn() {
    server.start();
    server.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(MESSAGE_RESOURCE)
                    .withTransformers("response-template")));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Every message creation the SDK sent. */
  List<LoggedRequest> messageRequests() {
    return server.findAll(
        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(MESSAGES)));
  }

  @Override
  public void close() {
    server.stop();
  }
}
