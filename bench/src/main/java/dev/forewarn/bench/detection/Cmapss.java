package dev.forewarn.bench.detection;

import dev.forewarn.rules.reading.Reading;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a NASA C-MAPSS file ({@code train_FD001.txt}: space-separated, no header, 26 columns: unit,
 * cycle, three operational settings, sensors s1 to s21) into readings: each engine is a device
 * {@code engine-<unit>}, each cycle one reading at {@link #START} plus one {@link #CYCLE} per
 * cycle, with metrics {@code setting1..setting3} and {@code s1..s21}.
 */
final class Cmapss {

  /** Event time of cycle 0. */
  static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

  /** Event time between two cycles, so that a rule's durations count cycles in hours. */
  static final Duration CYCLE = Duration.ofHours(1);

  private static final int COLUMNS = 26;

  private Cmapss() {}

  static String device(int unit) {
    return "engine-" + unit;
  }

  static Instant at(long cycle) {
    return START.plus(CYCLE.multipliedBy(cycle));
  }

  static long cycleOf(Instant at) {
    return Duration.between(START, at).dividedBy(CYCLE);
  }

  /** An engine's number from its device id. */
  static int unitOf(String deviceId) {
    return Integer.parseInt(deviceId.substring("engine-".length()));
  }

  /** The readings of every engine, in file order (engine by engine, cycle by cycle). */
  static List<Reading> read(Path file) throws IOException {
    List<Reading> readings = new ArrayList<>();
    Map<Integer, Long> lastCycle = new HashMap<>();
    try (BufferedReader lines = Files.newBufferedReader(file)) {
      String line;
      for (int number = 1; (line = lines.readLine()) != null; number++) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.trim().split("\\s+");
        String where = file + " line " + number;
        if (cells.length != COLUMNS) {
          throw new IllegalArgumentException(
              where + ": " + cells.length + " columns, C-MAPSS rows have " + COLUMNS);
        }
        int unit = whole(cells[0], where + ", column unit");
        long cycle = whole(cells[1], where + ", column cycle");
        Long previous = lastCycle.put(unit, cycle);
        if (previous != null && cycle <= previous) {
          throw new IllegalArgumentException(
              where + ": cycle " + cycle + " of engine " + unit + " after cycle " + previous);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int c = 2; c < COLUMNS; c++) {
          String name = c < 5 ? "setting" + (c - 1) : "s" + (c - 4);
          metrics.put(name, number(cells[c], where + ", column " + name));
        }
        readings.add(new Reading(device(unit), at(cycle), cycle, "", metrics));
      }
    }
    if (readings.isEmpty()) {
      throw new IllegalArgumentException(file + ": no rows");
    }
    return readings;
  }

  /**
   * The true remaining cycles after each test engine's last row ({@code RUL_FD001.txt}: one whole
   * number per line, engine 1 first).
   */
  static List<Long> remainingCycles(Path file) throws IOException {
    List<Long> cycles = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        cycles.add((long) whole(lines.get(i).trim(), file + " line " + (i + 1)));
      }
    }
    if (cycles.isEmpty()) {
      throw new IllegalArgumentException(file + ": no rows");
    }
    return cycles;
  }

  /** Each engine's last cycle, which in a run-to-failure file is its failure. */
  static Map<String, Long> lastCycles(List<Reading> readings) {
    Map<String, Long> last = new LinkedHashMap<>();
    readings.forEach(r -> last.merge(r.deviceId(), r.seq(), Math::max));
    return last;
  }

  private static int whole(String text, String where) {
    try {
      int value = Integer.parseInt(text);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": not a whole number (\"" + text + "\")");
    }
  }

  private static double number(String text, String where) {
    try {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(where + ": not a finite number (\"" + text + "\")");
  }

  /**
   * Refuses data recorded under several operating conditions (FD002 and FD004 mix six): their
   * sensors' levels depend on the condition, so an index over them would measure the condition, not
   * wear, unless normalised per condition first, which nothing here does.
   */
  static void requireOneOperatingCondition(List<Reading> readings, Path file) {
    for (String setting : List.of("setting1", "setting2", "setting3")) {
      double low = Double.POSITIVE_INFINITY;
      double high = Double.NEGATIVE_INFINITY;
      for (Reading reading : readings) {
        double value = reading.metrics().get(setting);
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
      if (high - low > 1) {
        throw new IllegalArgumentException(
            String.format(
                java.util.Locale.ROOT,
                "%s: %s ranges from %s to %s, so the engines run under several operating"
                    + " conditions (as in FD002 and FD004); normalising sensors per operating"
                    + " condition is not supported, so this file would be mis-scored",
                file,
                setting,
                low,
                high));
      }
    }
  }
}
