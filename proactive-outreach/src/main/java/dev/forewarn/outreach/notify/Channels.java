package dev.forewarn.outreach.notify;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The one channel in use for each kind, as configured at startup. */
@Component
public class Channels {

  private final Map<ChannelKind, Channel> byKind = new ConcurrentHashMap<>();

  public Channels(List<Channel> channels) {
    for (Channel channel : channels) {
      if (byKind.putIfAbsent(channel.kind(), channel) != null) {
        throw new IllegalStateException("two channels for " + channel.kind());
      }
    }
  }

  /**
   * The channel for a kind; every kind has one: a kind with no channel bean at all (app
   * notifications in a build without them) is a sandbox, like an unconfigured channel.
   */
  public Channel of(ChannelKind kind) {
    return byKind.computeIfAbsent(kind, SandboxChannel::new);
  }
}
