package dev.forewarn.rules.life;

import dev.forewarn.rules.condition.Varints;
import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * The bytes of a {@link RemainingLifeState}: readings seen, the first reading's time once seen, the
 * warm-up sum and the smoothed index.
 */
public final class RemainingLifeStateBytes {

  private RemainingLifeStateBytes() {}

  public static void write(ByteArrayOutputStream out, RemainingLifeState state) {
    Varints.write(out, state.count());
    if (state.count() > 0) {
      Varints.writeInstant(out, state.first());
    }
    Varints.writeDouble(out, state.warmupSum());
    Varints.writeDouble(out, state.smoothed());
  }

  public static RemainingLifeState read(Varints.Reader in) {
    long count = in.readVarint();
    if (count < 0) {
      throw new IllegalArgumentException("rule state: negative count " + count);
    }
    Instant first = count > 0 ? in.readInstant() : null;
    return new RemainingLifeState(count, first, in.readFinite(), in.readFinite());
  }
}
