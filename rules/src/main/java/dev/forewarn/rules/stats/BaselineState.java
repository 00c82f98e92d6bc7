package dev.forewarn.rules.stats;

import java.time.Instant;

/**
 * A learned baseline: how many readings it has learned, since when, and its centre and mean
 * absolute deviation.
 *
 * @param count readings learned, zero or more
 * @param since event time of the first reading learned, or null before it
 * @param centre the (weighted) mean, 0 before the first reading
 * @param absDeviation the (weighted) mean absolute deviation from the centre, zero or more
 */
public record BaselineState(long count, Instant since, double centre, double absDeviation) {

  /** Nothing learned. */
  public static final BaselineState INITIAL = new BaselineState(0, null, 0, 0);

  public BaselineState {
    if (count < 0) {
      throw new IllegalArgumentException("count must be zero or more, got " + count);
    }
    if (!Double.isFinite(centre) || !(absDeviation >= 0) || Double.isInfinite(absDeviation)) {
      throw new IllegalArgumentException(
          "centre and absDeviation must be finite, got " + centre + ", " + absDeviation);
    }
  }
}
