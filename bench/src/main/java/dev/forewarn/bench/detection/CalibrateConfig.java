package dev.forewarn.bench.detection;

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
 * @param consistency the least share of engines in which a metric must move the same way with age
 *     to enter the index
 * @param eitherWay whether the metrics below {@code consistency} enter the index by their distance
 *     from the centre (either way) rather than being left out
 * @param folds the folds of the cross-validation by engine
 */
record CalibrateConfig(
    Path cmapss,
    Path out,
    Duration horizon,
    List<String> metrics,
    double consistency,
    boolean eitherWay,
    int folds) {

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
        "--consistency",
        new String[] {
          "0.6", "least share of engines in which a metric moves the same way, to enter the index"
        });
    OPTIONS.put(
        "--mixed",
        new String[] {
          "leave-out",
          "metrics below --consistency: leave-out, or either (their distance from the centre)"
        });
    OPTIONS.put(
        "--folds", new String[] {"5", "folds of the cross-validation by engine, 2 or more"});
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
            + "each, one reading per cycle): the metrics' fleet centres, spreads and\n"
            + "directions, and the least-squares model of remaining life on the smoothed\n"
            + "degradation index's drift, its initial level and age. Metrics that move the\n"
            + "same way in too few engines (a fleet with two fault modes) are left out. Reports\n"
            + "a cross-validation by engine (each fold scored with a document fitted, horizon\n"
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
        share(values.get("--consistency")),
        mixed(values.get("--mixed")),
        folds(values.get("--folds")));
  }

  private static boolean mixed(String text) {
    return switch (text) {
      case "leave-out" -> false;
      case "either" -> true;
      default -> throw new IllegalArgumentException("--mixed: leave-out or either, got " + text);
    };
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
    throw new IllegalArgumentException("--consistency: a share from 0 to 1, got " + text);
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
