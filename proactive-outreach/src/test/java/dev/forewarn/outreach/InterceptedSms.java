package dev.forewarn.outreach;

import dev.forewarn.outreach.notify.Channel;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.Channels;
import dev.forewarn.outreach.notify.DeliveryException;
import dev.forewarn.outreach.notify.OutgoingMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The service's real SMS channel with something happening around a send, for a dispatcher run by
 * hand: the dispatcher's thread dying before or after Twilio accepted, or a status callback
 * arriving before the call returns. Lookups go to the real channel.
 */
final class InterceptedSms {

  private InterceptedSms() {}

  /** What happens instead of a plain send; {@code sms} is the real channel. */
  interface Send {
    String send(Channel sms, OutgoingMessage message) throws DeliveryException;
  }

  /** The service's channels with SMS sent through {@code send}. */
  static Channels around(Channels channels, Send send) {
    Channel sms = channels.of(ChannelKind.SMS);
    Channel intercepted =
        new Channel() {
          @Override
          public ChannelKind kind() {
            return ChannelKind.SMS;
          }

          @Override
          public String provider() {
            return sms.provider();
          }

          @Override
          public boolean configured() {
            return true;
          }

          @Override
          public String send(OutgoingMessage message) throws DeliveryException {
            return send.send(sms, message);
          }

          @Override
          public Optional<String> findAccepted(OutgoingMessage message, Instant since)
              throws DeliveryException {
            return sms.findAccepted(message, since);
          }
        };
    return new Channels(List.of(intercepted, channels.of(ChannelKind.EMAIL)));
  }

  /** The dispatcher's death: an Error no handler in the dispatcher catches. */
  static final class Killed extends Error {
    Killed() {
      super("dispatcher killed");
    }
  }
}
