package dev.forewarn.outreach.notify.app;

import dev.forewarn.outreach.notify.Channel;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.DeliveryException;
import dev.forewarn.outreach.notify.OutgoingMessage;
import java.util.Optional;

/**
 * Delivers app messages into the in-app inbox of the customer whose case the outbox row is about,
 * addressed to an app installation id, and wakes the streams that show it. It needs no credentials:
 * the app and the self-service page read the inbox from this service.
 */
final class InboxChannel implements Channel {

  static final String DEFAULT_TITLE = "Forewarn";

  private final InboxRepository inbox;

  InboxChannel(InboxRepository inbox) {
    this.inbox = inbox;
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.APP;
  }

  @Override
  public String provider() {
    return "inbox";
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public String send(OutgoingMessage message) throws DeliveryException {
    if (message.address() == null || message.address().isBlank()) {
      throw DeliveryException.permanent("app installation id is empty", null);
    }
    Optional<InboxMessage> stored =
        inbox.store(
            message.reference(),
            message.address(),
            message.subject().orElse(DEFAULT_TITLE),
            message.text());
    if (stored.isEmpty()) {
      throw DeliveryException.permanent(
          "no case with a customer for outbox reference " + message.reference(), null);
    }
    inbox.announce(stored.get().customerId());
    return "inbox-" + stored.get().id();
  }
}
