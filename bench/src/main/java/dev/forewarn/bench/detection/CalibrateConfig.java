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
 * @param horizon how far ahead a predicted failure holds the condition (and clears it beyond)
 * @param metrics the metrics of the degradation index, in the document's order
 */
record CalibrateConfig(Path cmapss, Path out, Duration horizon, List<String> metrics) {

  private static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();

  static {
    OPTIONS.put(
        "--cmapss",
        new String[] {
          "../shared/benchmarks/cmapss/train_FD001.txt", "C-MAPSS run-to-failure training file"
        });
    OPTIONS.put("--out", new String[] {"bench/rules/cmapss.json", "rule document to write"});
    OPTIONS.put(
        "--horizon", new String[] {"PT105H", "ISO-8601 duration: warn when failure is nearer"});
    OPTIONS.put(
        "--metrics",
        new String[] {
          "s2,s3,s4,s7,s8,s9,s11,s12,s13,s14,s15,s17,s20,s21",
          "comma-separated metrics of the degradation index"
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
            + "each, one reading per cycle): the metrics' fleet centres, spreads and\n"
            + "directions, and the least-squares model of remaining life on the smoothed\n"
            + "degradation index's drift, its initial level and age. Writes the rule document\n"
            + "to OUT and prints its path last.\n\n",
        OPTIONS);
  }

  static CalibrateConfig parse(String[] args) {
    Map<String, String> values = FileOptions.parse(OPTIONS, args);
    return new CalibrateConfig(
        Path.of(values.get("--cmapss")),
        Path.of(values.get("--out")),
        horizon(values.get("--horizon")),
        metrics(values.get("--metrics")));
  }

  private static Duration horizon(String text) {
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
