package dev.forewarn.bench.detection;

import java.util.Map;

/**
 * NAB's normalised scores of a run over the data files, per profile name.
 *
 * @param files data files scored
 * @param windows scored windows over all of them
 * @param scores profile name to normalised score (null detector 0, perfect 100)
 */
record NabResult(int files, int windows, Map<String, Double> scores) {

  double score(String profile) {
    Double score = scores.get(profile);
    if (score == null) {
      throw new IllegalArgumentException(
          "profile " + profile + " is not in NAB's profiles; known: " + scores.keySet());
    }
    return score;
  }
}
