package dev.forewarn.rules;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * The compact binary form of a {@link RuleState}, for keyed state in the streaming job. Layout:
 * format version byte ({@value #FORMAT_VERSION}), type tag byte, then the fields of that type.
 * Threshold state (tag 1): a presence byte (bit 0 lastTs, bit 1 breachSince, bit 2 openSince), each
 * present instant as zigzag-varint epoch seconds + varint nanos, and breachPoints as a varint;
 * about 20 bytes for a device with a running breach.
 */
public final class RuleStates {

  /** The layout this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final int THRESHOLD = 1;

  private RuleStates() {}

  /** Encodes a state; the bytes decode to an equal state. */
  public static byte[] encode(RuleState state) {
    if (!(state instanceof ThresholdState threshold)) {
      throw new IllegalArgumentException("no binary form for " + describe(state));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(24);
    out.write(FORMAT_VERSION);
    out.write(THRESHOLD);
    int presence =
        (threshold.lastTs() != null ? 1 : 0)
            | (threshold.breachSince() != null ? 2 : 0)
            | (threshold.openSince() != null ? 4 : 0);
    out.write(presence);
    writeInstant(out, threshold.lastTs());
    writeInstant(out, threshold.breachSince());
    writeInstant(out, threshold.openSince());
    Varints.write(out, threshold.breachPoints());
    return out.toByteArray();
  }

  /**
   * Decodes bytes written by {@link #encode}.
   *
   * @throws IllegalArgumentException naming the problem when the bytes are empty, truncated, carry
   *     trailing bytes, an unknown format version or an unknown type tag
   */
  public static RuleState decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("rule state: no bytes");
    }
    Varints.Reader in = new Varints.Reader(bytes);
    int version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "rule state: format version "
              + version
              + " is not understood; this code reads version "
              + FORMAT_VERSION);
    }
    int tag = in.readByte();
    if (tag != THRESHOLD) {
      throw new IllegalArgumentException(
          "rule state: unknown type tag " + tag + "; known tags: 1 (threshold)");
    }
    RuleState state = readThreshold(in);
    in.requireEnd();
    return state;
  }

  private static ThresholdState readThreshold(Varints.Reader in) {
    int presence = in.readByte();
    if ((presence & ~7) != 0) {
      throw new IllegalArgumentException("rule state: unknown presence bits " + presence);
    }
    Instant lastTs = (presence & 1) != 0 ? readInstant(in) : null;
    Instant breachSince = (presence & 2) != 0 ? readInstant(in) : null;
    Instant openSince = (presence & 4) != 0 ? readInstant(in) : null;
    long breachPoints = in.readVarint();
    if (breachPoints < 0 || breachPoints > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("rule state: breach points out of range " + breachPoints);
    }
    return new ThresholdState(lastTs, breachSince, (int) breachPoints, openSince);
  }

  private static void writeInstant(ByteArrayOutputStream out, Instant instant) {
    if (instant != null) {
      Varints.write(out, instant.getEpochSecond());
      Varints.write(out, instant.getNano());
    }
  }

  private static Instant readInstant(Varints.Reader in) {
    long seconds = in.readVarint();
    long nanos = in.readVarint();
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("rule state: instant out of range", e);
    }
  }

  private static String describe(RuleState state) {
    return state == null ? "null" : state.getClass().getSimpleName();
  }
}
