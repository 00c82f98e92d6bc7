package dev.forewarn.rules.stats;

import dev.forewarn.rules.condition.Varints;
import dev.forewarn.rules.document.RuleChecks;
import java.io.ByteArrayOutputStream;
import java.time.Instant;

/** The bytes of the shared estimators' state: a bucket window and a baseline. */
public final class StatsBytes {

  private StatsBytes() {}

  /** Size, newest index, then per bucket its count and, when filled, its mean and time offset. */
  public static void writeWindow(ByteArrayOutputStream out, WindowBuckets window) {
    Varints.write(out, window.size());
    Varints.write(out, window.newest());
    int[] counts = window.counts();
    double[] means = window.means();
    long[] offsets = window.offsets();
    for (int i = 0; i < counts.length; i++) {
      Varints.write(out, counts[i]);
      if (counts[i] > 0) {
        Varints.writeDouble(out, means[i]);
        Varints.write(out, offsets[i]);
      }
    }
  }

  public static WindowBuckets readWindow(Varints.Reader in) {
    int size = in.readInt(1, "buckets");
    if (size > RuleChecks.MAX_BUCKETS) {
      throw new IllegalArgumentException("rule state: buckets out of range " + size);
    }
    long newest = in.readVarint();
    int[] counts = new int[size];
    double[] means = new double[size];
    long[] offsets = new long[size];
    for (int i = 0; i < size; i++) {
      counts[i] = in.readInt(0, "bucket count");
      if (counts[i] > 0) {
        means[i] = in.readFinite();
        offsets[i] = in.readVarint();
      }
    }
    return new WindowBuckets(newest, counts, means, offsets);
  }

  /** Count, first time (a presence byte and the instant), centre, mean absolute deviation. */
  public static void writeBaseline(ByteArrayOutputStream out, BaselineState baseline) {
    Varints.write(out, baseline.count());
    out.write(baseline.since() != null ? 1 : 0);
    Varints.writeInstant(out, baseline.since());
    Varints.writeDouble(out, baseline.centre());
    Varints.writeDouble(out, baseline.absDeviation());
  }

  public static BaselineState readBaseline(Varints.Reader in) {
    long count = in.readVarint();
    if (count < 0) {
      throw new IllegalArgumentException("rule state: baseline count out of range " + count);
    }
    Instant since = in.readByte() == 1 ? in.readInstant() : null;
    double centre = in.readFinite();
    double absDeviation = in.readFinite();
    if (absDeviation < 0) {
      throw new IllegalArgumentException("rule state: negative deviation " + absDeviation);
    }
    return new BaselineState(count, since, centre, absDeviation);
  }
}
