package dev.forewarn.rules;

import dev.forewarn.rules.condition.ConditionState;
import dev.forewarn.rules.condition.ConditionStateBytes;
import dev.forewarn.rules.condition.Varints;
import dev.forewarn.rules.lifecycle.LifecycleState;
import dev.forewarn.rules.lifecycle.LifecycleStateBytes;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

/**
 * The compact binary form of a {@link RuleState}, for keyed state in the streaming job. Layout: a
 * format version byte ({@value #FORMAT_VERSION}), the lifecycle, then the condition state with a
 * type tag; rules/README.md has it byte by byte and the sizes. Bytes of format version 1 (the
 * threshold-only layout) still decode, into the equivalent state.
 */
public final class RuleStates {

  /** The layout this code writes. Format version 1 is still read. */
  public static final int FORMAT_VERSION = 2;

  private static final int V1_THRESHOLD = 1;

  private RuleStates() {}

  /** Encodes a state; the bytes decode to an equal state. */
  public static byte[] encode(RuleState state) {
    if (state == null) {
      throw new IllegalArgumentException("no binary form for null");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.write(FORMAT_VERSION);
    LifecycleStateBytes.write(out, state.lifecycle());
    ConditionStateBytes.write(out, state.condition());
    return out.toByteArray();
  }

  /**
   * Decodes bytes written by {@link #encode}, of this format version or an older one.
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
    RuleState state;
    if (version == FORMAT_VERSION) {
      state = new RuleState(LifecycleStateBytes.read(in), ConditionStateBytes.read(in, 0));
    } else if (version == 1) {
      state = readV1(in);
    } else {
      throw new IllegalArgumentException(
          "rule state: format version "
              + version
              + " is not understood; this code reads versions 1 to "
              + FORMAT_VERSION);
    }
    in.requireEnd();
    return state;
  }

  /** The threshold-only layout of format version 1: tag 1, presence byte, instants, points. */
  private static RuleState readV1(Varints.Reader in) {
    int tag = in.readByte();
    if (tag != V1_THRESHOLD) {
      throw new IllegalArgumentException(
          "rule state: unknown type tag "
              + tag
              + " in format version 1; known tags: 1 (threshold)");
    }
    int presence = in.readByte();
    if ((presence & ~7) != 0) {
      throw new IllegalArgumentException("rule state: unknown presence bits " + presence);
    }
    Instant lastTs = (presence & 1) != 0 ? in.readInstant() : null;
    Instant breachSince = (presence & 2) != 0 ? in.readInstant() : null;
    Instant openSince = (presence & 4) != 0 ? in.readInstant() : null;
    int breachPoints = in.readInt(0, "breach points");
    LifecycleState lifecycle =
        new LifecycleState(
            lastTs, null, breachSince, breachPoints, openSince, null, null, null, null, List.of());
    return new RuleState(lifecycle, ConditionState.None.INSTANCE);
  }
}
