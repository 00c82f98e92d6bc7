package dev.forewarn.rules.drift;

import dev.forewarn.rules.condition.Varints;
import dev.forewarn.rules.stats.BaselineState;
import dev.forewarn.rules.stats.StatsBytes;
import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * The bytes of a {@link DriftState}: the basic form (baseline and smoothed value) for a drift in
 * readings on the value, so stored states of such rules keep their bytes, and the timed form that
 * adds, behind presence bits, the previous value, the previous reading's time and the seasonal
 * centres.
 */
public final class DriftStateBytes {

  private DriftStateBytes() {}

  public static void writeBasic(ByteArrayOutputStream out, DriftState drift) {
    StatsBytes.writeBaseline(out, drift.baseline());
    Varints.writeDouble(out, drift.smoothed());
  }

  public static DriftState readBasic(Varints.Reader in) {
    return new DriftState(StatsBytes.readBaseline(in), in.readFinite());
  }

  public static void writeTimed(ByteArrayOutputStream out, DriftState drift) {
    writeBasic(out, drift);
    int present =
        (drift.previous() != null ? 1 : 0)
            | (drift.lastAt() != null ? 2 : 0)
            | (drift.centres() != null ? 4 : 0);
    out.write(present);
    if (drift.previous() != null) {
      Varints.writeDouble(out, drift.previous());
    }
    Varints.writeInstant(out, drift.lastAt());
    if (drift.centres() != null) {
      SeasonalCentres centres = drift.centres();
      Varints.write(out, centres.size());
      for (int b = 0; b < centres.size(); b++) {
        // An unvisited bucket is one byte: its zero count.
        Varints.write(out, centres.count(b));
        if (centres.count(b) > 0) {
          Varints.writeDouble(out, centres.centre(b));
        }
      }
    }
  }

  public static DriftState readTimed(Varints.Reader in) {
    BaselineState baseline = StatsBytes.readBaseline(in);
    double smoothed = in.readFinite();
    int present = in.readByte();
    Double previous = (present & 1) != 0 ? in.readFinite() : null;
    Instant lastAt = (present & 2) != 0 ? in.readInstant() : null;
    SeasonalCentres centres = null;
    if ((present & 4) != 0) {
      int size = in.readLength(1, Seasonality.MAX_BUCKETS, "buckets");
      double[] values = new double[size];
      int[] counts = new int[size];
      for (int b = 0; b < size; b++) {
        counts[b] = in.readInt(0, "bucket count");
        values[b] = counts[b] > 0 ? in.readFinite() : 0;
      }
      centres = new SeasonalCentres(values, counts);
    }
    return new DriftState(baseline, smoothed, previous, lastAt, centres);
  }
}
