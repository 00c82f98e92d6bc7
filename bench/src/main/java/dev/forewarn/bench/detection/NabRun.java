package dev.forewarn.bench.detection;

import dev.forewarn.rules.backtest.BacktestReport;
import dev.forewarn.rules.backtest.Backtester;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import java.io.IOException;
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
 * Replays every NAB data file as one device through a rule document and scores it under every NAB
 * profile; for the committed document it writes {@code nab/<group>/<file>.csv} ({@code
 * timestamp,value,anomaly_score}) and the per-file part of {@code nab.json}.
 */
final class NabRun {

  /** The metric name a NAB file's {@code value} column becomes. */
  static final String METRIC = "value";

  /** The group whose files have no anomaly: every opening there is a false alarm. */
  static final String NO_ANOMALY_GROUP = "artificialNoAnomaly";

  private NabRun() {}

  /** Every file's score under the rules. */
  static List<NabFileResult> replay(NabCorpus corpus, List<Rule> rules) {
    Backtester backtester = new Backtester(rules);
    List<NabFileResult> results = new ArrayList<>();
    for (NabCorpus.DataFile file : corpus.files()) {
      BacktestReport report = backtester.run(file.readings());
      boolean[] detected = detections(file.readings(), report);
      double[] raw = new double[corpus.profiles().size()];
      NabFileScore first = null;
      for (int p = 0; p < raw.length; p++) {
        NabFileScore score =
            NabScorer.score(file.timestamps(), detected, file.windows(), corpus.profiles().get(p));
        raw[p] = score.raw();
        first = first == null ? score : first;
      }
      results.add(
          new NabFileResult(
              file, raw, first, detected, report.devices().get(deviceId(file.name()))));
    }
    return results;
  }

  /**
   * Writes the per-file outputs of the committed document, prints a line per file, and returns its
   * normalised scores over the corpus with the per-file summaries for {@code nab.json}.
   */
  static Map<String, Object> write(
      Path out, NabCorpus corpus, List<NabFileResult> results, Consumer<String> progress)
      throws IOException {
    Map<String, Object> perFile = new LinkedHashMap<>();
    for (NabFileResult result : results) {
      NabCorpus.DataFile file = result.file();
      Outputs.lines(
          out.resolve("nab").resolve(file.name()), scoredLines(file.lines(), result.detected()));
      Map<String, Object> raw = new LinkedHashMap<>();
      for (int p = 0; p < corpus.profiles().size(); p++) {
        raw.put(corpus.profiles().get(p).name(), Outputs.round(result.raw()[p]));
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("rows", file.readings().size());
      json.put("alerts", result.alerts());
      json.put("alerts_per_week", Outputs.round(result.activity().alertsPerWeek()));
      json.put("windows", result.score().windows());
      json.put("detected_windows", result.score().detectedWindows());
      json.put("alerts_outside_windows", result.score().falsePositives());
      json.put("still_learning", result.activity().learning());
      json.put("raw", raw);
      perFile.put(file.name(), json);
      progress.accept(
          String.format(
              Locale.ROOT,
              "nab %s: %d rows, %d alerts (%.2f a week), %d/%d windows detected, %d alerts"
                  + " outside windows, raw %s %.3f",
              file.name(),
              file.readings().size(),
              result.alerts(),
              result.activity().alertsPerWeek(),
              result.score().detectedWindows(),
              result.score().windows(),
              result.score().falsePositives(),
              corpus.profiles().get(0).name(),
              result.raw()[0]));
    }
    return perFile;
  }

  /** Mean cases per week of data over the files of a group. */
  static double alertsPerDeviceWeek(List<NabFileResult> results, String group) {
    return results.stream()
        .filter(r -> r.file().group().equals(group))
        .mapToDouble(r -> r.activity().alertsPerWeek())
        .average()
        .orElse(0);
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
  static boolean[] detections(List<Reading> readings, BacktestReport report) {
    Map<Instant, Integer> rows = new HashMap<>();
    for (int i = 0; i < readings.size(); i++) {
      rows.putIfAbsent(readings.get(i).ts(), i);
    }
    boolean[] detected = new boolean[readings.size()];
    for (CaseEvent event : report.opened()) {
      detected[rows.get(event.occurredAt())] = true;
    }
    return detected;
  }

  private static List<String> scoredLines(List<String> lines, boolean[] detected) {
    List<String> out = new ArrayList<>(lines.size());
    out.add("timestamp,value,anomaly_score");
    for (int i = 1; i < lines.size(); i++) {
      out.add(lines.get(i).strip() + (detected[i - 1] ? ",1" : ",0"));
    }
    return out;
  }
}
