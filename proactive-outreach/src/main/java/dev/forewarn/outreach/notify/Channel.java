package dev.forewarn.outreach.notify;

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
}
