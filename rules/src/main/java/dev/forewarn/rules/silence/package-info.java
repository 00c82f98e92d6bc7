/**
 * The {@code silence} condition: holds once a device (or one of its metrics) has been quiet for
 * longer than a duration, noticed at a later reading or when time passes. Public: the condition,
 * {@link dev.forewarn.rules.silence.SilenceState}, {@link
 * dev.forewarn.rules.silence.SilenceSignals} and {@link
 * dev.forewarn.rules.silence.SilenceStateBytes} (tag 4).
 */
package dev.forewarn.rules.silence;
