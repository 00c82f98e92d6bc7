package dev.forewarn.rules.trend;

import dev.forewarn.rules.condition.Varints;
import dev.forewarn.rules.stats.StatsBytes;
import java.io.ByteArrayOutputStream;

/** The bytes of a {@link TrendState}: its window, then its baseline. */
public final class TrendStateBytes {

  private TrendStateBytes() {}

  public static void write(ByteArrayOutputStream out, TrendState state) {
    StatsBytes.writeWindow(out, state.window());
    StatsBytes.writeBaseline(out, state.baseline());
  }

  public static TrendState read(Varints.Reader in) {
    return new TrendState(StatsBytes.readWindow(in), StatsBytes.readBaseline(in));
  }
}
