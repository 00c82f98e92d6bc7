/**
 * The {@code rate-of-change} condition: the Theil–Sen slope of bucket means over a window, in units
 * per second, minute, hour or day. Its state is a {@link dev.forewarn.rules.stats.WindowBuckets};
 * {@link dev.forewarn.rules.rate.RateSignals} gives its verdicts.
 */
package dev.forewarn.rules.rate;
