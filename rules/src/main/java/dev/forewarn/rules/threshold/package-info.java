/**
 * The {@code threshold} condition: holds while a metric is beyond a level, clears at a clear level
 * (hysteresis). It keeps no state of its own. {@link dev.forewarn.rules.threshold.ThresholdSignals}
 * gives its verdicts to the dispatch in {@code condition}.
 */
package dev.forewarn.rules.threshold;
