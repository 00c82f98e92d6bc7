package dev.forewarn.bench.detection;

/**
 * The score of one NAB data file under one profile.
 *
 * @param raw the file's raw score: window rewards and penalties plus false-positive costs
 * @param windows windows with at least one row after the probation period (the scored ones)
 * @param detectedWindows of those, windows with a detection
 * @param falsePositives detections after the probation period outside every window
 */
record NabFileScore(double raw, int windows, int detectedWindows, int falsePositives) {}
