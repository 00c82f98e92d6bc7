package dev.forewarn.outreach.notify;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for a channel that has no credentials: it accepts every message without sending it. The
 * outbox row keeps what would have been sent, with provider {@code sandbox}, so that the API shows
 * it like any other delivery.
 */
public final class SandboxChannel implements Channel {

  private static final Logger log = LoggerFactory.getLogger(SandboxChannel.class);

  private final ChannelKind kind;

  public SandboxChannel(ChannelKind kind) {
    this.kind = kind;
  }

  @Override
  public ChannelKind kind() {
    return kind;
  }

  @Override
  public String provider() {
    return "sandbox";
  }

  @Override
  public boolean configured() {
    return false;
  }

  @Override
  public String send(OutgoingMessage message) {
    String id = "sandbox-" + UUID.randomUUID();
    log.info(
        "sandbox {} not sent to={} reference={} provider_id={}",
        kind.code(),
        Masking.address(message.address()),
        message.reference(),
        id);
    return id;
  }
}
