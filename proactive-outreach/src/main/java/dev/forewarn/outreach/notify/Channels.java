package dev.forewarn.outreach.notify;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The one channel in use for each kind, as configured at startup. */
@Component
public class Channels {

  private final Map<ChannelKind, Channel> byKind = new EnumMap<>(ChannelKind.class);

  public Channels(List<Channel> channels) {
    for (Channel channel : channels) {
      if (byKind.putIfAbsent(channel.kind(), channel) != null) {
        throw new IllegalStateException("two channels for " + channel.kind());
      }
    }
  }

  /** The channel for a kind; every kind has one, a sandbox when nothing real is configured. */
  public Channel of(ChannelKind kind) {
    Channel channel = byKind.get(kind);
    if (channel == null) {
      throw new IllegalStateException("no channel for " + kind);
    }
    return channel;
  }
}
