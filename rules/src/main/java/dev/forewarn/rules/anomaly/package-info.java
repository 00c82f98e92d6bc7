/**
 * The {@code anomaly-likelihood} condition: a raw anomaly score (distance from the device's learned
 * level and changes) turned into a probability against the device's own history of that score, with
 * an optional alert budget that sets a per-device threshold from the quantiles of the device's
 * likelihood history and caps its onsets per period. Every window is in readings, so a document
 * means the same whatever the reporting interval. Public: the condition (with its budget), {@link
 * dev.forewarn.rules.anomaly.AnomalyLikelihoodState}, {@link
 * dev.forewarn.rules.anomaly.AnomalyLikelihoodSignals} and {@link
 * dev.forewarn.rules.anomaly.AnomalyLikelihoodStateBytes} (tag 10); the Gaussian tail and the
 * budget arithmetic are package-private.
 */
package dev.forewarn.rules.anomaly;
