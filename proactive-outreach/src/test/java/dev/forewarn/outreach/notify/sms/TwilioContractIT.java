package dev.forewarn.outreach.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.rest.api.v2010.account.Message;
import dev.forewarn.outreach.notify.DeliveryException;
import dev.forewarn.outreach.notify.OutgoingMessage;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our SMS channel against a mock made from Twilio's own API description (contracts/twilio): Prism
 * checks the request the Twilio SDK sends for us against the description and answers with the
 * description's example, which the SDK must read as Twilio documents it.
 */
class TwilioContractIT {

  private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
  private static final String FROM = "+15005550006";
  private static final OutgoingMessage SMS =
      new OutgoingMessage(
          "case-1-opened-sms",
          "+14155550100",
          Optional.empty(),
          "Forewarn: Hi Jane, your AC-200 needs attention. Case #1",
          Optional.empty());

  private static PrismMock prism;

  @BeforeAll
  static void startPrism() throws Exception {
    prism = PrismMock.start("twilio/twilio_api_v2010.json");
  }

  @AfterAll
  static void stopPrism() throws Exception {
    if (prism != null) {
      prism.close();
    }
  }

  @Test
  void sendsAnSmsTheDescriptionAcceptsAndReadsTheDocumentedAnswer() throws Exception {
    TwilioSmsChannel channel = channel(ACCOUNT_SID);

    Message message = channel.create(SMS);

    assertThat(message.getSid()).matches("(SM|MM)[0-9a-fA-F]{32}");
    assertThat(message.getAccountSid()).matches("AC[0-9a-fA-F]{32}");
    assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
    assertThat(message.getDirection()).isEqualTo(Message.Direction.OUTBOUND_API);
    assertThat(message.getDateCreated()).isNotNull();
    assertThat(message.getNumSegments()).isEqualTo("1");
    assertThat(channel.send(SMS)).matches("(SM|MM)[0-9a-fA-F]{32}");
  }

  @Test
  void aRequestOutsideTheDescriptionIsRefusedAndFailsForGood() {
    // The description requires ^AC[0-9a-fA-F]{32}$ in the path; configuration validation keeps
    // such a SID out of the service, so only this test can send one.
    TwilioSmsChannel channel = channel("AC-not-an-account-sid");

    assertThatThrownBy(() -> channel.send(SMS))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("HTTP 422");
  }

  private TwilioSmsChannel channel(String accountSid) {
    return new TwilioSmsChannel(
        new TwilioProperties(
            accountSid,
            "contract-token",
            FROM,
            URI.create(prism.baseUrl()),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10)),
        "https://care.forewarn.test");
  }
}
