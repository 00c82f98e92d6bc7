package dev.forewarn.bench.detection;

import dev.forewarn.rules.backtest.RuleFiles;
import dev.forewarn.rules.document.Rule;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./forewarn bench detection}: how well the committed rule documents detect labelled
 * anomalies in NAB and warn ahead of failure on C-MAPSS, replayed through the backtester. Prints
 * progress, then one line: {@code detection: nab_standard=S nab_low_fp=S nab_low_fn=S
 * cmapss_alerted=F cmapss_median_lead=N cmapss_p10_lead=N cmapss_early_share=F}.
 */
public final class DetectionBench {

  private DetectionBench() {}

  public static void main(String[] args) throws Exception {
    if (DetectionConfig.wantsHelp(args)) {
      System.out.print(DetectionConfig.help());
      return;
    }
    try {
      System.out.println(run(DetectionConfig.parse(args)));
    } catch (IllegalArgumentException e) {
      System.err.println(
          "bench detection: " + e.getMessage() + " (see ./forewarn bench detection --help)");
      System.exit(2);
    }
  }

  static String run(DetectionConfig config) throws Exception {
    List<Rule> nabRules = RuleFiles.load(config.rulesDir().resolve("nab.json"));
    List<Rule> cmapssRules = RuleFiles.load(config.rulesDir().resolve("cmapss.json"));
    List<NabGrid.Candidate> candidates =
        config.nabGrid() == null ? List.of() : NabGrid.load(config.nabGrid());
    say(
        "rules: nab.json %s, cmapss.json %s, %d NAB candidates; outputs in %s",
        ids(nabRules), ids(cmapssRules), candidates.size(), config.out());
    NabResult nab = NabBench.run(config, nabRules, candidates, DetectionBench::say);
    say(
        "nab: %d files, %d windows: standard %.2f, reward_low_FP_rate %.2f,"
            + " reward_low_FN_rate %.2f",
        nab.files(),
        nab.windows(),
        nab.score("standard"),
        nab.score("reward_low_FP_rate"),
        nab.score("reward_low_FN_rate"));
    CmapssResult cmapss =
        CmapssRun.run(config.cmapss(), cmapssRules, config.out(), DetectionBench::say);
    CmapssRun.heldOut(
        config.cmapssTest(), config.cmapssRul(), cmapssRules, config.out(), DetectionBench::say);
    if (config.fd003() != null) {
      List<Rule> fd003Rules = RuleFiles.load(config.rulesDir().resolve("cmapss-fd003.json"));
      CmapssRun.run(config.fd003(), fd003Rules, config.out(), "cmapss-fd003", DetectionBench::say);
      if (config.fd003Test() != null && config.fd003Rul() != null) {
        CmapssRun.heldOut(
            config.fd003Test(),
            config.fd003Rul(),
            fd003Rules,
            config.out(),
            "cmapss-fd003-test",
            DetectionBench::say);
      }
    }
    return String.format(
        Locale.ROOT,
        "detection: nab_standard=%.2f nab_low_fp=%.2f nab_low_fn=%.2f cmapss_alerted=%.2f"
            + " cmapss_median_lead=%.1f cmapss_p10_lead=%.1f cmapss_early_share=%.2f",
        nab.score("standard"),
        nab.score("reward_low_FP_rate"),
        nab.score("reward_low_FN_rate"),
        cmapss.alertedShare(),
        cmapss.medianLead(),
        cmapss.p10Lead(),
        cmapss.earlyShare());
  }

  private static String ids(List<Rule> rules) {
    return rules.stream().map(r -> r.id() + " v" + r.version()).toList().toString();
  }

  private static void say(String format, Object... args) {
    say(String.format(Locale.ROOT, format, args));
  }

  private static void say(String line) {
    System.out.println("bench: " + line);
  }
}
