package dev.forewarn.outreach.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * Sends one rendered message to one address. Choosing the channel, rendering and finding the
 * recipient happen elsewhere; a channel only delivers and reports how it went.
 */
public interface Channel {

  ChannelKind kind();

  /** The provider behind the channel as shown to operators, for example {@code twilio}. */
  String provider();

  /** Whether real credentials are configured; an unconfigured channel is a sandbox. */
  boolean configured();

  /**
   * Hands the message to the provider.
   *
   * @return the provider's id for the accepted message
   * @throws DeliveryException when the provider did not accept it; says whether a retry can help
   */
  String send(OutgoingMessage message) throws DeliveryException;

  /**
   * Asks the provider whether it already accepted this very message since a time, for an attempt
   * whose outcome is unknown (the sender died or got no answer). Channels whose provider cannot be
   * asked answer empty, and the message is sent again.
   *
   * @return the provider's id of the accepted message, when it has one
   * @throws DeliveryException when the provider cannot be asked now; the message waits
   */
  default Optional<String> findAccepted(OutgoingMessage message, Instant since)
      throws DeliveryException {
    return Optional.empty();
  }
}
