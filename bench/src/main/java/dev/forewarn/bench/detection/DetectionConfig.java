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
 * @param rulesDir where {@code nab.json}, {@code cmapss.json} and {@code cmapss-fd003.json} are
 * @param nabGrid the candidates the NAB cross-validation chooses among, or null to skip it
 * @param fd003 a C-MAPSS run-to-failure file of two fault modes, scored with {@code
 *     cmapss-fd003.json}, or null
 * @param fd003Test its engines cut off before failure, or null
 * @param fd003Rul their true remaining cycles, or null
 */
record DetectionConfig(
    Path nabData,
    Path cmapss,
    Path cmapssTest,
    Path cmapssRul,
    Path out,
    Path rulesDir,
    Path nabGrid,
    Path fd003,
    Path fd003Test,
    Path fd003Rul) {

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
        "--rules-dir",
        new String[] {"bench/rules", "directory of nab.json, cmapss.json and cmapss-fd003.json"});
    OPTIONS.put(
        "--nab-grid",
        new String[] {
          "bench/rules/nab-grid.json",
          "candidate NAB documents for the cross-validation, or none to skip it"
        });
    OPTIONS.put(
        "--cmapss-fd003",
        new String[] {
          "../shared/benchmarks/cmapss/train_FD003.txt",
          "C-MAPSS run-to-failure file scored with cmapss-fd003.json, or none"
        });
    OPTIONS.put(
        "--cmapss-fd003-test",
        new String[] {"none", "its engines cut off before failure, scored as held-out data"});
    OPTIONS.put(
        "--cmapss-fd003-rul", new String[] {"none", "true remaining cycles of those engines"});
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
            + "one reading per cycle) through the rules in nab.json, cmapss.json and\n"
            + "cmapss-fd003.json; writes OUT/nab/<group>/<file>.csv (timestamp,value,\n"
            + "anomaly_score) and OUT/nab.json with the scores per group and overall in every\n"
            + "profile; chooses among the --nab-grid candidates in sample and leaving one NAB\n"
            + "group out; writes OUT/cmapss/alerts.csv (unit,cycle) and OUT/cmapss.json, the\n"
            + "test engines' OUT/cmapss-test/alerts.csv and OUT/cmapss-test.json, and the same\n"
            + "for FD003 (OUT/cmapss-fd003...); prints the scores and the lead times.\n\n",
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
        Path.of(values.get("--rules-dir")),
        optional(values.get("--nab-grid")),
        optional(values.get("--cmapss-fd003")),
        optional(values.get("--cmapss-fd003-test")),
        optional(values.get("--cmapss-fd003-rul")));
  }

  private static Path optional(String value) {
    return "none".equals(value) ? null : Path.of(value);
  }
}
