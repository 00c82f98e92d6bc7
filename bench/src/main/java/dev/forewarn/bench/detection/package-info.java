/**
 * The detection benchmark, {@code ./forewarn bench detection}: replays public labelled data (the
 * Numenta Anomaly Benchmark and NASA's C-MAPSS run-to-failure engines) through committed rule
 * documents with the backtester, scores the alerts the way each data set defines it, and writes the
 * per-file outputs and one summary line. Also {@code ./forewarn bench calibrate}, which fits the
 * remaining-life condition to C-MAPSS engines run to failure and writes its rule document.
 */
package dev.forewarn.bench.detection;
