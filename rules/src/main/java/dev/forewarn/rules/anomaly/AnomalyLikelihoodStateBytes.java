package dev.forewarn.rules.anomaly;

import dev.forewarn.rules.condition.Varints;
import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * The bytes of an {@link AnomalyLikelihoodState}: readings seen; level, its spread, step, its
 * spread, previous value, average, the history's mean and variance and the mean interval (8 bytes
 * each); the bin counts (their number, then each as a varint); a flags byte (holding, previous
 * reading's time present, first reading's time present, phase counts present); those times; the
 * onsets (their number, then reading number and epoch second of each); the season's centres (their
 * number, then 8 bytes each) and, with any, the spread about them; the readings in a row the level
 * skipped; for a season in event time each phase's readings learned (varints); with a range check
 * its lowest and highest, with a shift check the signed average, its history's mean and variance (8
 * bytes each; flags 16 and 32). States written before seasons in event time, ranges and shifts
 * existed have none of those flags and read as they did.
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
    long[] visits = state.visitsView();
    out.write(
        (state.holding() ? 1 : 0)
            | (state.lastAt() != null ? 2 : 0)
            | (state.firstAt() != null ? 4 : 0)
            | (visits.length > 0 ? 8 : 0)
            | (state.range() != null ? 16 : 0)
            | (state.shift() != null ? 32 : 0));
    Varints.writeInstant(out, state.lastAt());
    if (state.firstAt() != null) {
      Varints.writeInstant(out, state.firstAt());
    }
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
    for (long visit : visits) {
      Varints.write(out, visit);
    }
    if (state.range() != null) {
      Varints.writeDouble(out, state.range().low());
      Varints.writeDouble(out, state.range().high());
    }
    if (state.shift() != null) {
      Varints.writeDouble(out, state.shift().average());
      Varints.writeDouble(out, state.shift().mean());
      Varints.writeDouble(out, state.shift().variance());
    }
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
    if ((flags & ~63) != 0) {
      throw new IllegalArgumentException("rule state: unknown anomaly-likelihood flags " + flags);
    }
    Instant lastAt = (flags & 2) != 0 ? in.readInstant() : null;
    Instant firstAt = (flags & 4) != 0 ? in.readInstant() : null;
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
    long[] visits = new long[(flags & 8) != 0 ? centres.length : 0];
    for (int i = 0; i < visits.length; i++) {
      visits[i] = in.readVarint();
    }
    try {
      AnomalyLikelihoodState.RangeSeen range =
          (flags & 16) != 0
              ? new AnomalyLikelihoodState.RangeSeen(in.readFinite(), in.readFinite())
              : null;
      AnomalyLikelihoodState.ShiftHistory shift =
          (flags & 32) != 0
              ? new AnomalyLikelihoodState.ShiftHistory(
                  in.readFinite(), in.readFinite(), in.readFinite())
              : null;
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
          skipped,
          firstAt,
          visits,
          range,
          shift);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("rule state: " + e.getMessage(), e);
    }
  }
}
