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
    return List.of(args).contains("--help") || List.of(args).contains("-h");
  }

  static String help() {
    StringBuilder text =
        new StringBuilder(
            "Usage: ./forewarn bench calibrate [options]\n\n"
                + "Fits a remaining-life condition to C-MAPSS engines run to failure (one device\n"
                + "each, one reading per cycle): the metrics' fleet centres, spreads and\n"
                + "directions, and the least-squares model of remaining life on the smoothed\n"
                + "degradation index's drift, its initial level and age. Writes the rule document\n"
                + "to OUT and prints its path last.\n\n");
    OPTIONS.forEach(
        (flag, spec) ->
            text.append(String.format("  %-10s %s (default %s)%n", flag, spec[1], spec[0])));
    return text.toString();
  }

  static CalibrateConfig parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    OPTIONS.forEach((flag, spec) -> values.put(flag, spec[0]));
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.containsKey(args[i])) {
        throw new IllegalArgumentException(
            args[i] + ": unknown option; known: " + String.join(", ", OPTIONS.keySet()));
      }
      if (i + 1 >= args.length || args[i + 1].isBlank()) {
        throw new IllegalArgumentException(args[i] + ": needs a value");
      }
      values.put(args[i], args[i + 1]);
    }
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
