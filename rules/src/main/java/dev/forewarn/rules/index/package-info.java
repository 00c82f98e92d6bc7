/**
 * The {@code deviation-index} condition: one sign-free number for how far a device has moved from
 * its own early normal over many metrics, with an optional forecast of when it crosses a limit.
 * Public: the condition, {@link dev.forewarn.rules.index.DeviationIndexState}, {@link
 * dev.forewarn.rules.index.DeviationIndexSignals} and {@link
 * dev.forewarn.rules.index.DeviationIndexStateBytes} (tag 8).
 */
package dev.forewarn.rules.index;
