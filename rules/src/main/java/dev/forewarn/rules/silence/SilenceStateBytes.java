package dev.forewarn.rules.silence;

import dev.forewarn.rules.condition.Varints;
import java.io.ByteArrayOutputStream;

/** The bytes of a {@link SilenceState}: a presence byte and the last reading's time. */
public final class SilenceStateBytes {

  private SilenceStateBytes() {}

  public static void write(ByteArrayOutputStream out, SilenceState state) {
    out.write(state.lastSeen() != null ? 1 : 0);
    Varints.writeInstant(out, state.lastSeen());
  }

  public static SilenceState read(Varints.Reader in) {
    int present = in.readByte();
    return new SilenceState(present == 1 ? in.readInstant() : null);
  }
}
