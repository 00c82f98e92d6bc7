/**
 * The {@code baseline-drift} condition: each device learns its own baseline, in readings or in
 * event time with optional {@link dev.forewarn.rules.drift.Seasonality seasonal centres}, and the
 * condition holds while the smoothed input is more than k spreads from it. Public: the condition
 * and its enums, {@link dev.forewarn.rules.drift.DriftState} (with {@link
 * dev.forewarn.rules.drift.SeasonalCentres}), {@link dev.forewarn.rules.drift.DriftSignals}
 * (verdicts) and {@link dev.forewarn.rules.drift.DriftStateBytes} (state bytes, tags 3 and 6); the
 * event-time learning is package-private.
 */
package dev.forewarn.rules.drift;
