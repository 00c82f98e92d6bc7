package dev.forewarn.outreach.notify;

import java.util.Locale;

/** The ways a customer can be reached; {@link #code()} is the name stored in the outbox. */
public enum ChannelKind {
  SMS,
  EMAIL,
  APP;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ChannelKind fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
