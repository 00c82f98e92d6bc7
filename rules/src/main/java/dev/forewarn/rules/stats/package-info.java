/**
 * Estimators several condition families share: an exponentially weighted baseline (centre and mean
 * absolute deviation, {@link dev.forewarn.rules.stats.Baselines}), a ring of time buckets ({@link
 * dev.forewarn.rules.stats.WindowBuckets}, {@link dev.forewarn.rules.stats.WindowLines}), the
 * Theil–Sen line ({@link dev.forewarn.rules.stats.TheilSen}), and the bytes of the window and the
 * baseline ({@link dev.forewarn.rules.stats.StatsBytes}).
 */
package dev.forewarn.rules.stats;
