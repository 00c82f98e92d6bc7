package dev.forewarn.rules;

import java.util.Optional;

/** The telemetry payload codec. */
public final class ReadingJson {

  private ReadingJson() {}

  /** Writes a reading payload. */
  public static byte[] write(Reading reading) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Parses a reading payload. */
  public static Reading parse(String topicDeviceId, byte[] payload) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The device id of a telemetry topic. */
  public static Optional<String> deviceIdFromTopic(String topic) {
    throw new UnsupportedOperationException("not yet");
  }
}
