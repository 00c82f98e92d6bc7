package dev.forewarn.rules.drift;

import dev.forewarn.rules.document.RuleChecks;
import dev.forewarn.rules.document.RuleValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A seasonal baseline: the centre is learned separately for each {@code bucket} of a repeating
 * {@code period} on the wall clock of {@code zone} (168 hour-of-week buckets for a period of a week
 * and a bucket of an hour), so "busy on Monday morning" is normal while the same level on a Sunday
 * night is not. The bucket count is bounded because each bucket costs state per device.
 *
 * @param period the length of the cycle, a whole number of seconds
 * @param bucket the length of one bucket; the period must be a whole multiple of it
 * @param zone the time zone whose wall clock places readings in buckets
 */
public record Seasonality(Duration period, Duration bucket, ZoneId zone) {

  /** The most buckets a period may hold, which bounds the state (a week of 5-minute buckets). */
  public static final int MAX_BUCKETS = 2016;

  public Seasonality {
    RuleChecks.positive(period, "seasonality.period");
    RuleChecks.positive(bucket, "seasonality.bucket");
    RuleChecks.present(zone, "seasonality.zone");
    if (bucket.getNano() != 0 || period.getNano() != 0) {
      throw new RuleValidationException(
          "seasonality.bucket", "period and bucket must be whole seconds, got " + bucket);
    }
    if (period.getSeconds() % bucket.getSeconds() != 0) {
      throw new RuleValidationException(
          "seasonality.period",
          "must be a whole multiple of the bucket (" + bucket + "), got " + period);
    }
    if (period.getSeconds() / bucket.getSeconds() > MAX_BUCKETS) {
      throw new RuleValidationException(
          "seasonality.bucket",
          "gives "
              + period.getSeconds() / bucket.getSeconds()
              + " buckets; at most "
              + MAX_BUCKETS
              + " are allowed");
    }
  }

  /** How many buckets the period holds. */
  public int buckets() {
    return (int) (period.getSeconds() / bucket.getSeconds());
  }

  /** The bucket of an instant: its wall-clock time in the zone, modulo the period. */
  int bucketOf(Instant t) {
    long local = t.getEpochSecond() + zone.getRules().getOffset(t).getTotalSeconds();
    return (int) (Math.floorMod(local, period.getSeconds()) / bucket.getSeconds());
  }
}
