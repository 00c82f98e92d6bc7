package dev.forewarn.rules.stats;

import java.time.Duration;
import java.time.Instant;

/** Puts readings into a {@link WindowBuckets} and fits a Theil–Sen line through its buckets. */
public final class WindowLines {

  private WindowLines() {}

  public static long widthMillis(Duration window, int buckets) {
    return window.toMillis() / buckets;
  }

  public static WindowBuckets add(
      WindowBuckets buckets, long widthMillis, Instant ts, double value) {
    long millis = ts.toEpochMilli();
    return buckets.add(
        Math.floorDiv(millis, widthMillis), Math.floorMod(millis, widthMillis), value);
  }

  /**
   * The line through the bucket means, each placed at the mean time of its readings, with x in
   * seconds from {@code now}: the intercept is the level now, the slope is per second. Needs two
   * filled buckets.
   */
  public static TheilSen.Fit fit(WindowBuckets buckets, long widthMillis, Instant now) {
    WindowBuckets.Bucket[] filled = buckets.buckets();
    double[] x = new double[filled.length];
    double[] y = new double[filled.length];
    long nowMillis = now.toEpochMilli();
    for (int i = 0; i < filled.length; i++) {
      long at = filled[i].index() * widthMillis + filled[i].offsetMillis();
      x[i] = (at - nowMillis) / 1000.0;
      y[i] = filled[i].mean();
    }
    return TheilSen.fit(x, y);
  }
}
