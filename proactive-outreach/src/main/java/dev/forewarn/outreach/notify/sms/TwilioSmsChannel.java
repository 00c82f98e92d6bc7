package dev.forewarn.outreach.notify.sms;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.forewarn.outreach.notify.Channel;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.DeliveryException;
import dev.forewarn.outreach.notify.OutgoingMessage;

/** SMS through Twilio's Messages API, with a client of its own built from the properties. */
final class TwilioSmsChannel implements Channel {

  private final TwilioRestClient client;
  private final PhoneNumber from;

  TwilioSmsChannel(TwilioProperties properties) {
    this.client =
        new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
            .httpClient(new BaseUrlHttpClient(properties.baseUrl().toString()))
            .build();
    this.from = new PhoneNumber(properties.fromNumber());
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.SMS;
  }

  @Override
  public String provider() {
    return "twilio";
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public String send(OutgoingMessage message) throws DeliveryException {
    return create(message).getSid();
  }

  /** The message as Twilio answered its creation; the contract test reads more than the SID. */
  Message create(OutgoingMessage message) throws DeliveryException {
    try {
      return Message.creator(new PhoneNumber(message.address()), from, message.text())
          .create(client);
    } catch (TwilioException e) {
      throw classify(e);
    }
  }

  /**
   * Throttling (429), provider errors (5xx) and calls that got no answer (timeouts, refused
   * connections) may succeed later; any other 4xx, such as 21211 invalid number, never will.
   */
  static DeliveryException classify(TwilioException e) {
    Integer status = e instanceof ApiException ? ((ApiException) e).getStatusCode() : null;
    Integer code = e instanceof ApiException ? ((ApiException) e).getCode() : null;
    String reason =
        "Twilio"
            + (code == null ? "" : " error " + code)
            + (status == null ? "" : " (HTTP " + status + ")")
            + ": "
            + e.getMessage();
    boolean retryable = status == null || status == 429 || status >= 500;
    return retryable
        ? DeliveryException.retryable(reason, e)
        : DeliveryException.permanent(reason, e);
  }
}
