package dev.forewarn.bench.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses among candidate documents by NAB's standard profile, in sample (on every group) and
 * leaving one group out (on the other groups, then scored on the group left out), and reports the
 * normalised scores per group and overall in every profile.
 */
final class NabCrossValidation {

  /**
   * The outcome.
   *
   * @param inSample the candidate chosen on every group
   * @param groups per group: its windows, the in-sample candidate's raw scores on it, the candidate
   *     chosen without it and that candidate's raw scores on it
   */
  record Outcome(int inSample, Map<String, Group> groups) {}

  record Group(int windows, double[] inSampleRaw, int heldOutChoice, double[] heldOutRaw) {}

  private NabCrossValidation() {}

  /**
   * @param results per candidate, its results on every file (the same files in the same order)
   */
  static Outcome run(List<String> groups, List<List<NabFileResult>> results) {
    int inSample = best(results, null);
    Map<String, Group> outcome = new LinkedHashMap<>();
    for (String group : groups) {
      int choice = best(results, group);
      outcome.put(
          group,
          new Group(
              windows(results.get(0), group),
              raw(results.get(inSample), group),
              choice,
              raw(results.get(choice), group)));
    }
    return new Outcome(inSample, outcome);
  }

  /** The candidate with the highest standard raw score on every group but {@code leftOut}. */
  private static int best(List<List<NabFileResult>> results, String leftOut) {
    int best = 0;
    double bestRaw = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < results.size(); c++) {
      double raw = 0;
      for (NabFileResult r : results.get(c)) {
        raw += r.file().group().equals(leftOut) ? 0 : r.raw()[0];
      }
      if (raw > bestRaw + 1e-9) {
        best = c;
        bestRaw = raw;
      }
    }
    return best;
  }

  static double[] raw(List<NabFileResult> results, String group) {
    double[] raw = new double[results.get(0).raw().length];
    for (NabFileResult r : results) {
      if (group == null || r.file().group().equals(group)) {
        for (int p = 0; p < raw.length; p++) {
          raw[p] += r.raw()[p];
        }
      }
    }
    return raw;
  }

  static int windows(List<NabFileResult> results, String group) {
    return results.stream()
        .filter(r -> group == null || r.file().group().equals(group))
        .mapToInt(r -> r.score().windows())
        .sum();
  }

  /** The normalised scores per profile, or null where there is no window to normalise by. */
  static Map<String, Object> normalised(List<NabProfile> profiles, double[] raw, int windows) {
    Map<String, Object> scores = new LinkedHashMap<>();
    for (int p = 0; p < profiles.size(); p++) {
      scores.put(
          profiles.get(p).name(),
          windows == 0 ? null : Outputs.round(profiles.get(p).normalise(raw[p], windows)));
    }
    return scores;
  }

  /** Sums the held-out raw scores over the groups: the overall leave-one-group-out score. */
  static double[] heldOutTotal(Outcome outcome) {
    List<double[]> parts = new ArrayList<>();
    outcome.groups().values().forEach(g -> parts.add(g.heldOutRaw()));
    double[] total = new double[parts.get(0).length];
    parts.forEach(
        raw -> {
          for (int p = 0; p < total.length; p++) {
            total[p] += raw[p];
          }
        });
    return total;
  }
}
