package dev.forewarn.bench.detection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --name value} options of the commands that only read and write files (detection,
 * calibration): each option maps to its default and its help line.
 */
final class FileOptions {

  private FileOptions() {}

  static boolean wantsHelp(String[] args) {
    return List.of(args).contains("--help") || List.of(args).contains("-h");
  }

  /** The usage text, then one line per option with its default. */
  static String help(String usage, Map<String, String[]> options) {
    int width = options.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
    StringBuilder text = new StringBuilder(usage);
    options.forEach(
        (flag, spec) ->
            text.append(
                String.format("  %-" + width + "s %s (default %s)%n", flag, spec[1], spec[0])));
    return text.toString();
  }

  /**
   * Every option's value: the argument given, else the default.
   *
   * @throws IllegalArgumentException naming an unknown option or one without a value
   */
  static Map<String, String> parse(Map<String, String[]> options, String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    options.forEach((flag, spec) -> values.put(flag, spec[0]));
    for (int i = 0; i < args.length; i += 2) {
      if (!options.containsKey(args[i])) {
        throw new IllegalArgumentException(
            args[i] + ": unknown option; known: " + String.join(", ", options.keySet()));
      }
      if (i + 1 >= args.length || args[i + 1].isBlank()) {
        throw new IllegalArgumentException(args[i] + ": needs a value");
      }
      values.put(args[i], args[i + 1]);
    }
    return values;
  }
}
