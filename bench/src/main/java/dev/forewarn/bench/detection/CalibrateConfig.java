package dev.forewarn.bench.detection;

import dev.forewarn.rules.life.RemainingLifeCondition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Options of the remaining-life calibration, parsed once from {@code --name value} arguments.
 * Relative paths are relative to the working directory, which {@code ./forewarn} sets to the
 * repository.
 *
 * @param cmapss a C-MAPSS run-to-failure file ({@code train_FD001.txt})
 * @param out the rule document to write
 * @param horizon how far ahead a predicted failure holds the condition (and clears it beyond), or
 *     null to choose it by cross-validation
 * @param metrics the candidate metrics of the degradation index, in the document's order
 * @param modes the fault modes, or null to choose them by cross-validation
 * @param lifeCap the remaining life (cycles) beyond which the health index counts an engine as
 *     healthy, or null to choose it by cross-validation
 * @param folds the folds of the cross-validation by engine
 * @param earlyShare the most engines alerted more than 125 cycles early that a horizon chosen by
 *     cross-validation may give there
 */
record CalibrateConfig(
    Path cmapss,
    Path out,
    Duration horizon,
    List<String> metrics,
    Integer modes,
    Integer lifeCap,
    int folds,
    double earlyShare) {

  private static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();

  static {
    OPTIONS.put(
        "--cmapss",
        new String[] {
          "../shared/benchmarks/cmapss/train_FD001.txt", "C-MAPSS run-to-failure training file"
        });
    OPTIONS.put("--out", new String[] {"bench/rules/cmapss.json", "rule document to write"});
    OPTIONS.put(
        "--horizon",
        new String[] {
          "auto",
          "ISO-8601 duration: warn when failure is nearer; auto chooses it by cross-validation"
        });
    OPTIONS.put(
        "--metrics",
        new String[] {
          "s2,s3,s4,s7,s8,s9,s11,s12,s13,s14,s15,s17,s20,s21",
          "comma-separated candidate metrics of the degradation index"
        });
    OPTIONS.put(
        "--modes",
        new String[] {
          "auto",
          "fault modes, 1 to "
              + RemainingLifeCondition.MAX_MODES
              + "; auto chooses 1 or 2 by cross-validation"
        });
    OPTIONS.put(
        "--life-cap",
        new String[] {
          "auto",
          "cycles of remaining life beyond which the health index counts an engine as healthy;"
              + " auto chooses 125 or 150 by cross-validation"
        });
    OPTIONS.put(
        "--folds", new String[] {"5", "folds of the cross-validation by engine, 2 or more"});
    OPTIONS.put(
        "--early-share",
        new String[] {
          String.valueOf(RemainingLifeCrossValidation.EARLY_SHARE),
          "the most engines alerted more than 125 cycles early, as a share from 0 to 1, that a"
              + " horizon chosen by cross-validation may give there"
        });
  }

  CalibrateConfig {
    metrics = List.copyOf(metrics);
  }

  static boolean wantsHelp(String[] args) {
    return FileOptions.wantsHelp(args);
  }

  static String help() {
    return FileOptions.help(
        "Usage: ./forewarn bench calibrate [options]\n\n"
            + "Fits a remaining-life condition to C-MAPSS engines run to failure (one device\n"
            + "each, one reading per cycle): the metrics' fleet centres and spreads; the fault\n"
            + "modes (engines clustered by where their metrics ended up); per mode a health\n"
            + "index (the least-squares weights of the metrics on wear, remaining life capped\n"
            + "at the cap) and the least-squares model of remaining life on the smoothed\n"
            + "index's drift, its initial level and age. The modes, the cap and the horizon are\n"
            + "chosen by cross-validation on the engines unless given. Reports a nested\n"
            + "cross-validation by engine (each fold scored with a document fitted, choices\n"
            + "included, without it), writes the rule document to OUT and prints its path last.\n"
            + "Files whose operating settings vary (FD002, FD004) are refused.\n\n",
        OPTIONS);
  }

  static CalibrateConfig parse(String[] args) {
    Map<String, String> values = FileOptions.parse(OPTIONS, args);
    return new CalibrateConfig(
        Path.of(values.get("--cmapss")),
        Path.of(values.get("--out")),
        horizon(values.get("--horizon")),
        metrics(values.get("--metrics")),
        whole(values.get("--modes"), "--modes", 1, RemainingLifeCondition.MAX_MODES),
        whole(values.get("--life-cap"), "--life-cap", 1, Integer.MAX_VALUE),
        folds(values.get("--folds")),
        share(values.get("--early-share")));
  }

  /** What can be chosen: everything but what the options fix. */
  RemainingLifeCrossValidation.Candidates candidates() {
    RemainingLifeCrossValidation.Candidates all = RemainingLifeCrossValidation.Candidates.all();
    return new RemainingLifeCrossValidation.Candidates(
        modes != null ? List.of(modes) : all.modes(),
        lifeCap != null ? List.of(lifeCap) : all.lifeCaps(),
        horizon != null ? List.of((int) horizon.toHours()) : all.horizons(),
        earlyShare);
  }

  /** {@code auto} (null) or a whole number from {@code least} to {@code most}. */
  private static Integer whole(String text, String option, int least, int most) {
    if ("auto".equals(text)) {
      return null;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= least && value <= most) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(
        option
            + ": auto or a whole number from "
            + least
            + (most == Integer.MAX_VALUE ? " up" : " to " + most)
            + ", got "
            + text);
  }

  private static int folds(String text) {
    try {
      int folds = Integer.parseInt(text);
      if (folds >= 2) {
        return folds;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("--folds: a whole number, 2 or more, got " + text);
  }

  private static double share(String text) {
    try {
      double share = Double.parseDouble(text);
      if (share >= 0 && share <= 1) {
        return share;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("--early-share: a number from 0 to 1, got " + text);
  }

  private static Duration horizon(String text) {
    if ("auto".equals(text)) {
      return null;
    }
    Duration horizon;
    try {
      horizon = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--horizon: not an ISO-8601 duration such as PT105H (\"" + text + "\")");
    }
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("--horizon: must be more than zero, got " + text);
    }
    return horizon;
  }

  private static List<String> metrics(String text) {
    List<String> names = Arrays.stream(text.split(",", -1)).map(String::trim).toList();
    if (names.contains("")) {
      throw new IllegalArgumentException("--metrics: an empty name in \"" + text + "\"");
    }
    if (new LinkedHashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("--metrics: a metric named twice in \"" + text + "\"");
    }
    return names;
  }
}
