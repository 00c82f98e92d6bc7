package dev.forewarn.rules.drift;

import java.util.Arrays;

/**
 * The centres of an event-time baseline, one per seasonal bucket (one bucket without seasonality),
 * each with the number of readings it learned. Immutable: learning returns a copy.
 */
public final class SeasonalCentres {

  private final double[] centres;
  private final int[] counts;

  /** Centres with the given values and counts, copied; both arrays of the same length. */
  public SeasonalCentres(double[] centres, int[] counts) {
    if (centres.length != counts.length || centres.length == 0) {
      throw new IllegalArgumentException("one count per centre, at least one bucket");
    }
    for (int i = 0; i < centres.length; i++) {
      if (!Double.isFinite(centres[i]) || counts[i] < 0) {
        throw new IllegalArgumentException("centres finite and counts not negative");
      }
    }
    this.centres = centres.clone();
    this.counts = counts.clone();
  }

  /** Nothing learned in any of {@code buckets} buckets. */
  static SeasonalCentres empty(int buckets) {
    return new SeasonalCentres(new double[buckets], new int[buckets]);
  }

  /** The number of buckets. */
  public int size() {
    return centres.length;
  }

  /** The centre of bucket {@code b}, 0 before it learned a reading. */
  public double centre(int b) {
    return centres[b];
  }

  /** Readings bucket {@code b} learned (saturating at {@link Integer#MAX_VALUE}). */
  public int count(int b) {
    return counts[b];
  }

  /** A copy with bucket {@code b} set to {@code centre} after one more reading. */
  SeasonalCentres with(int b, double centre) {
    SeasonalCentres next = new SeasonalCentres(centres, counts);
    next.centres[b] = centre;
    next.counts[b] = counts[b] == Integer.MAX_VALUE ? counts[b] : counts[b] + 1;
    return next;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SeasonalCentres that
        && Arrays.equals(centres, that.centres)
        && Arrays.equals(counts, that.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(centres) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "SeasonalCentres" + Arrays.toString(centres) + Arrays.toString(counts);
  }
}
