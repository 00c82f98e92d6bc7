package dev.forewarn.outreach.metrics;

import dev.forewarn.outreach.notify.Channel;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.DeliveryException;
import dev.forewarn.outreach.notify.OutgoingMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A channel whose every provider call is counted by outcome, and whose first messages are timed.
 */
final class MeteredChannel implements Channel {

  private final Channel channel;
  private final OutreachMetrics metrics;
  private final Clock clock;

  MeteredChannel(Channel channel, OutreachMetrics metrics, Clock clock) {
    this.channel = channel;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public ChannelKind kind() {
    return channel.kind();
  }

  @Override
  public String provider() {
    return channel.provider();
  }

  @Override
  public boolean configured() {
    return channel.configured();
  }

  @Override
  public String send(OutgoingMessage message) throws DeliveryException {
    String name = channel.kind().code();
    try {
      String providerId = channel.send(message);
      metrics.notification(name, channel.provider(), "sent");
      metrics.accepted(message.reference(), clock.instant());
      return providerId;
    } catch (DeliveryException e) {
      metrics.notification(name, channel.provider(), e.retryable() ? "retry" : "refused");
      throw e;
    }
  }

  @Override
  public Optional<String> findAccepted(OutgoingMessage message, Instant since)
      throws DeliveryException {
    return channel.findAccepted(message, since);
  }
}
