/**
 * The {@code remaining-life} condition: a fleet-calibrated estimate of the life a device has left,
 * from a health index's drift, its initial level and the device's age, holding while that life is
 * within a horizon. Public: the condition (with its metrics and life model), {@link
 * dev.forewarn.rules.life.RemainingLifeState}, {@link dev.forewarn.rules.life.RemainingLifeSignals}
 * and {@link dev.forewarn.rules.life.RemainingLifeStateBytes} (tag 9).
 */
package dev.forewarn.rules.life;
