package dev.forewarn.bench.detection;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of the detection benchmark, parsed once from {@code --name value} arguments. Relative
 * paths are relative to the working directory, which {@code ./forewarn} sets to the repository.
 *
 * @param nabData NAB's data directory ({@code <group>/<file>.csv}); its labels are read from {@code
 *     ../labels/combined_windows.json} and its profiles from {@code ../config/profiles.json} next
 *     to it
 * @param cmapss a C-MAPSS run-to-failure file ({@code train_FD001.txt})
 * @param cmapssTest a C-MAPSS file of engines cut off before failure ({@code test_FD001.txt}),
 *     scored as held-out data
 * @param cmapssRul the true remaining cycles after each test engine's last row ({@code
 *     RUL_FD001.txt}, one line per engine in order)
 * @param out where the outputs go
 * @param rulesDir where {@code nab.json} and {@code cmapss.json} are
 */
record DetectionConfig(
    Path nabData, Path cmapss, Path cmapssTest, Path cmapssRul, Path out, Path rulesDir) {

  private static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();

  static {
    OPTIONS.put(
        "--nab-data",
        new String[] {"../shared/benchmarks/nab/data", "NAB data directory, <group>/<file>.csv"});
    OPTIONS.put(
        "--cmapss",
        new String[] {
          "../shared/benchmarks/cmapss/train_FD001.txt", "C-MAPSS run-to-failure training file"
        });
    OPTIONS.put(
        "--cmapss-test",
        new String[] {
          "../shared/benchmarks/cmapss/test_FD001.txt",
          "C-MAPSS engines cut off before failure, scored as held-out data"
        });
    OPTIONS.put(
        "--cmapss-rul",
        new String[] {
          "../shared/benchmarks/cmapss/RUL_FD001.txt",
          "true remaining cycles of each test engine after its last row"
        });
    OPTIONS.put("--out", new String[] {"bench/results", "output directory"});
    OPTIONS.put(
        "--rules-dir", new String[] {"bench/rules", "directory of nab.json and cmapss.json"});
  }

  /** NAB's {@code labels/combined_windows.json}, beside the data directory. */
  Path nabWindows() {
    return nabData.toAbsolutePath().normalize().resolveSibling("labels/combined_windows.json");
  }

  /** NAB's {@code config/profiles.json}, beside the data directory. */
  Path nabProfiles() {
    return nabData.toAbsolutePath().normalize().resolveSibling("config/profiles.json");
  }

  static boolean wantsHelp(String[] args) {
    return FileOptions.wantsHelp(args);
  }

  static String help() {
    return FileOptions.help(
        "Usage: ./forewarn bench detection [options]\n\n"
            + "Replays NAB's data files (one device each) and C-MAPSS engines (one device each,\n"
            + "one reading per cycle) through the rules in nab.json and cmapss.json, writes\n"
            + "OUT/nab/<group>/<file>.csv (timestamp,value,anomaly_score), OUT/nab.json,\n"
            + "OUT/cmapss/alerts.csv (unit,cycle) and OUT/cmapss.json, scores the C-MAPSS\n"
            + "test engines (cut off before failure) as held-out data in OUT/cmapss-test.json,\n"
            + "and prints the NAB scores and the C-MAPSS lead times.\n\n",
        OPTIONS);
  }

  static DetectionConfig parse(String[] args) {
    Map<String, String> values = FileOptions.parse(OPTIONS, args);
    return new DetectionConfig(
        Path.of(values.get("--nab-data")),
        Path.of(values.get("--cmapss")),
        Path.of(values.get("--cmapss-test")),
        Path.of(values.get("--cmapss-rul")),
        Path.of(values.get("--out")),
        Path.of(values.get("--rules-dir")));
  }
}
