package dev.forewarn.bench.detection;

import dev.forewarn.rules.backtest.SeriesCsv;
import dev.forewarn.rules.reading.Reading;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NAB's data files read once: per file its group, lines, readings (one device per file, metric
 * {@code value}), timestamps and windows, and the scoring profiles.
 */
record NabCorpus(List<NabCorpus.DataFile> files, List<NabProfile> profiles) {

  /** One data file, as {@code <group>/<file>.csv}. */
  record DataFile(
      String name,
      String group,
      List<String> lines,
      List<Reading> readings,
      List<Instant> timestamps,
      List<NabWindow> windows) {}

  static NabCorpus read(DetectionConfig config) throws IOException {
    Map<String, List<NabWindow>> allWindows = NabLabels.windows(config.nabWindows());
    List<NabProfile> profiles = NabLabels.profiles(config.nabProfiles());
    List<DataFile> files = new ArrayList<>();
    for (String name : NabRun.dataFiles(config.nabData())) {
      List<NabWindow> windows = allWindows.get(name);
      if (windows == null) {
        throw new IllegalArgumentException(
            name + ": no entry in " + config.nabWindows() + "; is it a NAB data file?");
      }
      List<String> lines =
          Files.readAllLines(config.nabData().resolve(name)).stream()
              .filter(l -> !l.isBlank())
              .toList();
      List<Reading> readings =
          SeriesCsv.readValues(
              new StringReader(String.join("\n", lines)),
              name,
              NabRun.deviceId(name),
              NabRun.METRIC);
      files.add(
          new DataFile(
              name,
              name.substring(0, name.indexOf('/')),
              lines,
              readings,
              readings.stream().map(Reading::ts).toList(),
              windows));
    }
    return new NabCorpus(List.copyOf(files), profiles);
  }

  /** The groups, in file order. */
  List<String> groups() {
    return files.stream().map(DataFile::group).distinct().toList();
  }
}
