package dev.forewarn.rules.drift;

/**
 * What a baseline drift condition learns and judges: the metric's value, or its first difference
 * (the change since the device's previous reading of it), which catches sudden steps and spikes
 * that stay inside the value's normal range.
 */
public enum DriftInput {
  VALUE,
  DELTA
}
