package dev.forewarn.rules.life;

import dev.forewarn.rules.condition.Varints;
import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * The bytes of a {@link RemainingLifeState}: readings seen, the first reading's time once seen,
 * then per fault mode the warm-up sum and the smoothed index. A state of one mode is written
 * without its count of modes (as before modes existed, so stored states keep their bytes); one of
 * several writes the count of modes first, behind its own tag.
 */
public final class RemainingLifeStateBytes {

  private RemainingLifeStateBytes() {}

  /** Whether the state needs the several-modes form. */
  public static boolean severalModes(RemainingLifeState state) {
    return state.modes() > 1;
  }

  public static void write(ByteArrayOutputStream out, RemainingLifeState state) {
    Varints.write(out, state.count());
    if (state.count() > 0) {
      Varints.writeInstant(out, state.first());
    }
    if (severalModes(state)) {
      Varints.write(out, state.modes());
    }
    for (int mode = 0; mode < state.modes(); mode++) {
      Varints.writeDouble(out, state.warmupSum(mode));
      Varints.writeDouble(out, state.smoothed(mode));
    }
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @param severalModes whether it was written in the several-modes form
   */
  public static RemainingLifeState read(Varints.Reader in, boolean severalModes) {
    long count = in.readVarint();
    if (count < 0) {
      throw new IllegalArgumentException("rule state: negative count " + count);
    }
    Instant first = count > 0 ? in.readInstant() : null;
    long modes = severalModes ? in.readVarint() : 1;
    if (modes < 2 && severalModes || modes > RemainingLifeCondition.MAX_MODES) {
      throw new IllegalArgumentException(
          "rule state: " + modes + " fault modes, 2 to " + RemainingLifeCondition.MAX_MODES);
    }
    double[] sums = new double[(int) modes];
    double[] smoothed = new double[(int) modes];
    for (int mode = 0; mode < modes; mode++) {
      sums[mode] = in.readFinite();
      smoothed[mode] = in.readFinite();
    }
    return new RemainingLifeState(count, first, sums, smoothed);
  }
}
