package dev.forewarn.rules.anomaly;

import dev.forewarn.rules.condition.Varints;
import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * The bytes of an {@link AnomalyLikelihoodState}: readings seen; level, its spread, step, its
 * spread, previous value, average, the history's mean and variance and the mean interval (8 bytes
 * each); the bin counts (their number, then each as a varint); a flags byte (holding, previous
 * reading's time present); that time; the onsets (their number, then reading number and epoch
 * second of each); the season's centres (their number, then 8 bytes each) and, with any, the spread
 * about them.
 */
public final class AnomalyLikelihoodStateBytes {

  private AnomalyLikelihoodStateBytes() {}

  public static void write(ByteArrayOutputStream out, AnomalyLikelihoodState state) {
    Varints.write(out, state.count());
    for (double value :
        new double[] {
          state.level(),
          state.levelSpread(),
          state.step(),
          state.stepSpread(),
          state.previous(),
          state.average(),
          state.mean(),
          state.variance(),
          state.interval()
        }) {
      Varints.writeDouble(out, value);
    }
    long[] bins = state.binsView();
    Varints.write(out, bins.length);
    for (long bin : bins) {
      Varints.write(out, bin);
    }
    out.write((state.holding() ? 1 : 0) | (state.lastAt() != null ? 2 : 0));
    Varints.writeInstant(out, state.lastAt());
    long[] points = state.onsetPointsView();
    long[] seconds = state.onsetSecondsView();
    Varints.write(out, points.length);
    for (int i = 0; i < points.length; i++) {
      Varints.write(out, points[i]);
      Varints.write(out, seconds[i]);
    }
    double[] centres = state.centresView();
    Varints.write(out, centres.length);
    for (double centre : centres) {
      Varints.writeDouble(out, centre);
    }
    if (centres.length > 0) {
      Varints.writeDouble(out, state.seasonSpread());
    }
    Varints.write(out, state.skipped());
  }

  public static AnomalyLikelihoodState read(Varints.Reader in) {
    long count = in.readVarint();
    double[] v = new double[9];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readFinite();
    }
    int binCount = in.readLength(0, AnomalyLikelihoodState.BINS, "bins");
    long[] bins = new long[binCount];
    for (int i = 0; i < binCount; i++) {
      bins[i] = in.readVarint();
    }
    int flags = in.readByte();
    Instant lastAt = (flags & 2) != 0 ? in.readInstant() : null;
    int onsets = in.readLength(0, AnomalyLikelihoodCondition.MAX_BUDGET_CASES, "onsets");
    long[] points = new long[onsets];
    long[] seconds = new long[onsets];
    for (int i = 0; i < onsets; i++) {
      points[i] = in.readVarint();
      seconds[i] = in.readVarint();
    }
    double[] centres =
        new double[in.readLength(0, AnomalyLikelihoodCondition.MAX_SEASON_BUCKETS, "centres")];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = in.readFinite();
    }
    double seasonSpread = centres.length > 0 ? in.readFinite() : 0;
    long skipped = in.readVarint();
    try {
      return new AnomalyLikelihoodState(
          count,
          v[0],
          v[1],
          v[2],
          v[3],
          v[4],
          v[5],
          v[6],
          v[7],
          bins,
          (flags & 1) != 0,
          points,
          seconds,
          lastAt,
          v[8],
          centres,
          seasonSpread,
          skipped);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("rule state: " + e.getMessage(), e);
    }
  }
}
