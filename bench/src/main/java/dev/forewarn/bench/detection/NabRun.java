package dev.forewarn.bench.detection;

import dev.forewarn.rules.backtest.Backtester;
import dev.forewarn.rules.backtest.SeriesCsv;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Replays every NAB data file as one device through the rules, marks the rows where a case opened,
 * writes {@code nab/<group>/<file>.csv} ({@code timestamp,value,anomaly_score}) and {@code
 * nab.json}, and scores the corpus under every NAB profile.
 */
final class NabRun {

  /** The metric name a NAB file's {@code value} column becomes. */
  static final String METRIC = "value";

  private NabRun() {}

  static NabResult run(DetectionConfig config, List<Rule> rules, Consumer<String> progress)
      throws IOException {
    Map<String, List<NabWindow>> allWindows = NabLabels.windows(config.nabWindows());
    List<NabProfile> profiles = NabLabels.profiles(config.nabProfiles());
    List<String> files = dataFiles(config.nabData());
    Backtester backtester = new Backtester(rules);
    double[] raw = new double[profiles.size()];
    int windows = 0;
    Map<String, Object> perFile = new LinkedHashMap<>();
    for (String name : files) {
      List<NabWindow> fileWindows = allWindows.get(name);
      if (fileWindows == null) {
        throw new IllegalArgumentException(
            name + ": no entry in " + config.nabWindows() + "; is it a NAB data file?");
      }
      List<String> lines = dataLines(config.nabData().resolve(name));
      List<Reading> readings =
          SeriesCsv.readValues(
              new StringReader(String.join("\n", lines)), name, deviceId(name), METRIC);
      boolean[] detected = detections(readings, backtester);
      List<Instant> timestamps = readings.stream().map(Reading::ts).toList();
      Outputs.lines(config.out().resolve("nab").resolve(name), scoredLines(lines, detected));

      Map<String, Object> fileJson = new LinkedHashMap<>();
      NabFileScore first = null;
      for (int p = 0; p < profiles.size(); p++) {
        NabFileScore score = NabScorer.score(timestamps, detected, fileWindows, profiles.get(p));
        raw[p] += score.raw();
        fileJson.put(profiles.get(p).name(), Outputs.round(score.raw()));
        first = first == null ? score : first;
      }
      windows += first.windows();
      int alerts = count(detected);
      perFile.put(name, fileSummary(readings.size(), alerts, first, fileJson));
      progress.accept(
          String.format(
              Locale.ROOT,
              "nab %s: %d rows, %d alerts, %d/%d windows detected, %d alerts outside windows,"
                  + " raw %s %.3f",
              name,
              readings.size(),
              alerts,
              first.detectedWindows(),
              first.windows(),
              first.falsePositives(),
              profiles.get(0).name(),
              first.raw()));
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int p = 0; p < profiles.size(); p++) {
      scores.put(profiles.get(p).name(), profiles.get(p).normalise(raw[p], windows));
    }
    NabResult result = new NabResult(files.size(), windows, scores);
    writeSummary(config.out().resolve("nab.json"), result, perFile);
    return result;
  }

  /** Every {@code <group>/<file>.csv} under the data directory, sorted. */
  static List<String> dataFiles(Path dataDir) throws IOException {
    if (!Files.isDirectory(dataDir)) {
      throw new IllegalArgumentException("--nab-data: " + dataDir + " is not a directory");
    }
    try (Stream<Path> paths = Files.walk(dataDir, 2)) {
      List<String> files =
          paths
              .filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".csv"))
              .map(p -> dataDir.relativize(p))
              .filter(p -> p.getNameCount() == 2)
              .map(p -> p.getName(0) + "/" + p.getName(1))
              .sorted()
              .toList();
      if (files.isEmpty()) {
        throw new IllegalArgumentException("--nab-data: no <group>/<file>.csv under " + dataDir);
      }
      return files;
    }
  }

  /** A NAB file's device: its file name without {@code .csv}. */
  static String deviceId(String name) {
    String file = name.substring(name.lastIndexOf('/') + 1);
    return file.substring(0, file.length() - ".csv".length());
  }

  /** Whether a case opened on each row (at the first row with the opening reading's time). */
  static boolean[] detections(List<Reading> readings, Backtester backtester) {
    Map<Instant, Integer> rows = new HashMap<>();
    for (int i = 0; i < readings.size(); i++) {
      rows.putIfAbsent(readings.get(i).ts(), i);
    }
    boolean[] detected = new boolean[readings.size()];
    for (CaseEvent event : backtester.run(readings).opened()) {
      detected[rows.get(event.occurredAt())] = true;
    }
    return detected;
  }

  /** The header and the non-blank data lines of a file, as read. */
  private static List<String> dataLines(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
  }

  private static List<String> scoredLines(List<String> lines, boolean[] detected) {
    List<String> out = new ArrayList<>(lines.size());
    out.add("timestamp,value,anomaly_score");
    for (int i = 1; i < lines.size(); i++) {
      out.add(lines.get(i).strip() + (detected[i - 1] ? ",1" : ",0"));
    }
    return out;
  }

  private static int count(boolean[] flags) {
    int n = 0;
    for (boolean flag : flags) {
      n += flag ? 1 : 0;
    }
    return n;
  }

  private static Map<String, Object> fileSummary(
      int rows, int alerts, NabFileScore score, Map<String, Object> raw) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rows", rows);
    json.put("alerts", alerts);
    json.put("windows", score.windows());
    json.put("detected_windows", score.detectedWindows());
    json.put("alerts_outside_windows", score.falsePositives());
    json.put("raw", raw);
    return json;
  }

  private static void writeSummary(Path file, NabResult result, Map<String, Object> perFile)
      throws IOException {
    Map<String, Object> scores = new LinkedHashMap<>();
    result.scores().forEach((profile, score) -> scores.put(profile, Outputs.round(score)));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("files", result.files());
    json.put("windows", result.windows());
    json.put("scores", scores);
    json.put("per_file", perFile);
    Outputs.json(file, json);
  }
}
