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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * SMS through Twilio's Messages API, with a client of its own built from the properties. Every
 * message asks for status callbacks at {@code {public-url}/webhooks/twilio/status?ref={key}}, so
 * that a report can find its outbox row even when the dispatcher died before recording the SID.
 */
final class TwilioSmsChannel implements Channel {

  /** How many of the newest messages to a number a lookup reads. */
  private static final long LOOKUP_PAGE = 50;

  private final TwilioRestClient client;
  private final PhoneNumber from;
  private final String callbackBase;

  TwilioSmsChannel(TwilioProperties properties, String publicBase) {
    this.client =
        new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
            .httpClient(
                new BaseUrlHttpClient(
                    properties.baseUrl().toString(),
                    properties.connectTimeout(),
                    properties.readTimeout()))
            .build();
    this.from = new PhoneNumber(properties.fromNumber());
    this.callbackBase = publicBase + "/webhooks/twilio/status?ref=";
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
          .setStatusCallback(
              callbackBase + URLEncoder.encode(message.reference(), StandardCharsets.UTF_8))
          .create(client);
    } catch (TwilioException e) {
      throw classify(e);
    }
  }

  /**
   * Twilio keeps no idempotency key on messages, so the message is recognised by what makes it
   * unique: the same sender, recipient and body (which names the case and carries its link),
   * created after the earlier attempt started.
   */
  @Override
  public Optional<String> findAccepted(OutgoingMessage message, Instant since)
      throws DeliveryException {
    try {
      return Message.reader()
          .setTo(new PhoneNumber(message.address()))
          .setFrom(from)
          .setPageSize(LOOKUP_PAGE)
          .firstPage(client)
          .getRecords()
          .stream()
          .filter(m -> message.text().equals(m.getBody()))
          .filter(
              m -> m.getDateCreated() == null || !m.getDateCreated().toInstant().isBefore(since))
          .map(Message::getSid)
          .findFirst();
    } catch (TwilioException e) {
      DeliveryException classified = classify(e);
      // Whatever the answer, the lookup must be repeated before anything is sent.
      throw DeliveryException.unanswered(
          "lookup of earlier attempt: " + classified.getMessage(), e);
    }
  }

  /**
   * Throttling (429) and provider errors (5xx) may succeed later; calls that got no answer
   * (timeouts, refused connections) too, but the message may have been accepted; any other 4xx,
   * such as 21211 invalid number or 21610 unsubscribed recipient, never will.
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
    if (status == null) {
      return DeliveryException.unanswered(reason, e);
    }
    if (status == 429) {
      return DeliveryException.throttled(reason, null, e);
    }
    return status >= 500
        ? DeliveryException.retryable(reason, e)
        : DeliveryException.permanent(reason, e);
  }
}
