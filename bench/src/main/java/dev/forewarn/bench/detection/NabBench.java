package dev.forewarn.bench.detection;

import dev.forewarn.rules.document.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The NAB part of the detection benchmark: the committed document per group and overall, the
 * candidates of the grid chosen in sample and leaving one group out, and {@code nab.json}.
 */
final class NabBench {

  private NabBench() {}

  static NabResult run(
      DetectionConfig config,
      List<Rule> committed,
      List<NabGrid.Candidate> candidates,
      Consumer<String> progress)
      throws IOException {
    NabCorpus corpus = NabCorpus.read(config);
    List<NabProfile> profiles = corpus.profiles();
    List<NabFileResult> results = NabRun.replay(corpus, committed);
    Map<String, Object> perFile = NabRun.write(config.out(), corpus, results, progress);

    Map<String, Object> groups = new LinkedHashMap<>();
    for (String group : corpus.groups()) {
      List<NabFileResult> in =
          results.stream().filter(r -> r.file().group().equals(group)).toList();
      Map<String, Object> g = new LinkedHashMap<>();
      int windows = NabCrossValidation.windows(results, group);
      double[] raw = NabCrossValidation.raw(results, group);
      g.put("files", in.size());
      g.put("windows", windows);
      g.put("alerts", in.stream().mapToInt(NabFileResult::alerts).sum());
      g.put("alerts_per_device_week", Outputs.round(NabRun.alertsPerDeviceWeek(results, group)));
      g.put("most_alerts_in_a_file", in.stream().mapToInt(NabFileResult::alerts).max().orElse(0));
      g.put("raw_standard", Outputs.round(raw[0]));
      g.put("scores", NabCrossValidation.normalised(profiles, raw, windows));
      groups.put(group, g);
      progress.accept(
          String.format(
              Locale.ROOT,
              "nab group %s: %d files, %d windows, %s, %.2f alerts per device-week",
              group,
              in.size(),
              windows,
              scores(NabCrossValidation.normalised(profiles, raw, windows)),
              NabRun.alertsPerDeviceWeek(results, group)));
    }
    int windows = NabCrossValidation.windows(results, null);
    double[] total = NabCrossValidation.raw(results, null);
    Map<String, Double> overall = new LinkedHashMap<>();
    for (int p = 0; p < profiles.size(); p++) {
      overall.put(profiles.get(p).name(), profiles.get(p).normalise(total[p], windows));
    }
    NabResult result = new NabResult(corpus.files().size(), windows, overall);

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("files", result.files());
    json.put("windows", windows);
    Map<String, Object> rounded = new LinkedHashMap<>();
    overall.forEach((k, v) -> rounded.put(k, Outputs.round(v)));
    json.put("scores", rounded);
    json.put("groups", groups);
    if (!candidates.isEmpty()) {
      json.put("cross_validation", crossValidate(corpus, committed, candidates, progress));
    }
    json.put("per_file", perFile);
    Outputs.json(config.out().resolve("nab.json"), json);
    return result;
  }

  private static Map<String, Object> crossValidate(
      NabCorpus corpus,
      List<Rule> committed,
      List<NabGrid.Candidate> candidates,
      Consumer<String> progress) {
    List<NabProfile> profiles = corpus.profiles();
    List<List<NabFileResult>> all = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      List<NabFileResult> results = NabRun.replay(corpus, List.of(candidates.get(c).rule()));
      all.add(results);
      int windows = NabCrossValidation.windows(results, null);
      progress.accept(
          String.format(
              Locale.ROOT,
              "nab candidate %d/%d %s: %s",
              c + 1,
              candidates.size(),
              candidates.get(c).name(),
              scores(
                  NabCrossValidation.normalised(
                      profiles, NabCrossValidation.raw(results, null), windows))));
    }
    NabCrossValidation.Outcome outcome = NabCrossValidation.run(corpus.groups(), all);
    NabGrid.Candidate chosen = candidates.get(outcome.inSample());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("candidates", candidates.size());
    json.put("chosen_in_sample", chosen.name());
    json.put(
        "committed_is_the_choice", committed.size() == 1 && committed.get(0).equals(chosen.rule()));
    Map<String, Object> groups = new LinkedHashMap<>();
    int windows = 0;
    double[] inSample = new double[profiles.size()];
    for (Map.Entry<String, NabCrossValidation.Group> e : outcome.groups().entrySet()) {
      NabCrossValidation.Group g = e.getValue();
      windows += g.windows();
      for (int p = 0; p < inSample.length; p++) {
        inSample[p] += g.inSampleRaw()[p];
      }
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("windows", g.windows());
      group.put("in_sample", NabCrossValidation.normalised(profiles, g.inSampleRaw(), g.windows()));
      group.put("left_out", NabCrossValidation.normalised(profiles, g.heldOutRaw(), g.windows()));
      group.put("in_sample_raw_standard", Outputs.round(g.inSampleRaw()[0]));
      group.put("left_out_raw_standard", Outputs.round(g.heldOutRaw()[0]));
      group.put("chosen_without_it", candidates.get(g.heldOutChoice()).name());
      groups.put(e.getKey(), group);
      progress.accept(
          String.format(
              Locale.ROOT,
              "nab cross-validation %s: in sample %s; left out %s (chose %s)",
              e.getKey(),
              scores(NabCrossValidation.normalised(profiles, g.inSampleRaw(), g.windows())),
              scores(NabCrossValidation.normalised(profiles, g.heldOutRaw(), g.windows())),
              candidates.get(g.heldOutChoice()).name()));
    }
    Map<String, Object> overall = new LinkedHashMap<>();
    overall.put("in_sample", NabCrossValidation.normalised(profiles, inSample, windows));
    overall.put(
        "left_out",
        NabCrossValidation.normalised(profiles, NabCrossValidation.heldOutTotal(outcome), windows));
    json.put("overall", overall);
    json.put("groups", groups);
    progress.accept(
        String.format(
            Locale.ROOT,
            "nab cross-validation overall: in sample %s; leaving one group out %s; chosen in sample:"
                + " %s%s",
            scores(NabCrossValidation.normalised(profiles, inSample, windows)),
            scores(
                NabCrossValidation.normalised(
                    profiles, NabCrossValidation.heldOutTotal(outcome), windows)),
            chosen.name(),
            Boolean.TRUE.equals(json.get("committed_is_the_choice"))
                ? " (the committed nab.json)"
                : " (differs from the committed nab.json)"));
    return json;
  }

  private static String scores(Map<String, Object> scores) {
    StringBuilder text = new StringBuilder();
    scores.forEach(
        (profile, score) ->
            text.append(text.length() == 0 ? "" : " ")
                .append(profile)
                .append(' ')
                .append(score == null ? "-" : String.format(Locale.ROOT, "%.2f", (Double) score)));
    return text.toString();
  }

  static Path gridFile(DetectionConfig config) {
    return config.rulesDir().resolve("nab-grid.json");
  }
}
