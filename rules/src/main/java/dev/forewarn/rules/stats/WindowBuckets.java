package dev.forewarn.rules.stats;

import dev.forewarn.rules.condition.ConditionState;
import java.util.Arrays;
import java.util.Objects;

/**
 * A sliding window as a fixed ring of equal time buckets, each with the count and mean of its
 * readings, so that a windowed condition's state does not grow with the reading rate. Bucket {@code
 * i} covers event times {@code [i × width, (i + 1) × width)} in epoch milliseconds, which makes the
 * bucketing the same wherever and whenever readings are replayed. Immutable: {@link #add} returns a
 * new window.
 *
 * @param newest index of the newest bucket that has been written, meaningless while all are empty
 * @param counts readings per bucket, in ring order (bucket {@code i} at {@code i mod size})
 * @param means mean value per bucket, 0 for an empty one
 * @param offsets mean event time of each bucket's readings, in milliseconds from the bucket's start
 *     (rounded), so that a partly filled bucket sits where its readings are
 */
public record WindowBuckets(long newest, int[] counts, double[] means, long[] offsets)
    implements ConditionState {

  public WindowBuckets {
    if (counts.length != means.length || counts.length != offsets.length || counts.length == 0) {
      throw new IllegalArgumentException("one mean and offset per count, at least one bucket");
    }
    counts = counts.clone();
    means = means.clone();
    offsets = offsets.clone();
  }

  /** An empty window of {@code size} buckets. */
  public static WindowBuckets empty(int size) {
    return new WindowBuckets(0, new int[size], new double[size], new long[size]);
  }

  /** Number of buckets. */
  public int size() {
    return counts.length;
  }

  /** Readings in the window. */
  public long points() {
    long total = 0;
    for (int count : counts) {
      total += count;
    }
    return total;
  }

  /** Buckets with at least one reading. */
  public int filled() {
    int filled = 0;
    for (int count : counts) {
      filled += count > 0 ? 1 : 0;
    }
    return filled;
  }

  /**
   * The window with one more reading in bucket {@code index}; buckets that fall out of the window
   * are emptied. A reading older than the window is ignored.
   */
  public WindowBuckets add(long index, long offsetMillis, double value) {
    int size = size();
    int[] c = counts.clone();
    double[] m = means.clone();
    long[] o = offsets.clone();
    long top = newest;
    if (filled() == 0 || index - newest >= size) {
      Arrays.fill(c, 0);
      Arrays.fill(m, 0);
      Arrays.fill(o, 0);
      top = index;
    } else if (index > newest) {
      for (long i = newest + 1; i <= index; i++) {
        c[slot(i)] = 0;
        m[slot(i)] = 0;
        o[slot(i)] = 0;
      }
      top = index;
    } else if (index <= newest - size) {
      return this;
    }
    int at = slot(index);
    c[at]++;
    m[at] = Finite.meanWith(m[at], value, c[at]);
    o[at] += Math.round((offsetMillis - o[at]) / (double) c[at]);
    return new WindowBuckets(top, c, m, o);
  }

  /** The filled buckets as (index, count, mean, offset), oldest first. */
  Bucket[] buckets() {
    Bucket[] out = new Bucket[filled()];
    int n = 0;
    for (long i = newest - size() + 1; i <= newest; i++) {
      int at = slot(i);
      if (counts[at] > 0) {
        out[n++] = new Bucket(i, counts[at], means[at], offsets[at]);
      }
    }
    return out;
  }

  private int slot(long index) {
    return (int) Math.floorMod(index, (long) size());
  }

  /** One filled bucket. */
  record Bucket(long index, int count, double mean, long offsetMillis) {}

  @Override
  public boolean equals(Object o) {
    return o instanceof WindowBuckets other
        && newest == other.newest
        && Arrays.equals(counts, other.counts)
        && Arrays.equals(means, other.means)
        && Arrays.equals(offsets, other.offsets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        newest, Arrays.hashCode(counts), Arrays.hashCode(means), Arrays.hashCode(offsets));
  }

  @Override
  public String toString() {
    return "WindowBuckets[newest="
        + newest
        + ", counts="
        + Arrays.toString(counts)
        + ", means="
        + Arrays.toString(means)
        + ", offsets="
        + Arrays.toString(offsets)
        + "]";
  }

  @Override
  public int[] counts() {
    return counts.clone();
  }

  @Override
  public double[] means() {
    return means.clone();
  }

  @Override
  public long[] offsets() {
    return offsets.clone();
  }
}
