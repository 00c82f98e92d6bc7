package dev.forewarn.bench.detection;

import dev.forewarn.rules.backtest.DeviceActivity;

/**
 * How one rule document did on one NAB file.
 *
 * @param file the file
 * @param raw raw score per profile, in the corpus's profile order
 * @param score the first profile's window and false-positive counts
 * @param detected whether a case opened on each row
 * @param activity readings, span, cases and whether the rules were still learning at the end
 */
record NabFileResult(
    NabCorpus.DataFile file,
    double[] raw,
    NabFileScore score,
    boolean[] detected,
    DeviceActivity activity) {

  int alerts() {
    int n = 0;
    for (boolean d : detected) {
      n += d ? 1 : 0;
    }
    return n;
  }
}
