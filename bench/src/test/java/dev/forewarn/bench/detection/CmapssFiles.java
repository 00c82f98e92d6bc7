package dev.forewarn.bench.detection;

import java.util.ArrayList;
import java.util.List;

/** Builds C-MAPSS rows (26 space-separated columns) for tests. */
final class CmapssFiles {

  private CmapssFiles() {}

  /** One row: unit, cycle, settings 0.0 and 100, sensor s11 as given, every other sensor 1.5. */
  static String row(int unit, int cycle, double s11) {
    List<String> cells = new ArrayList<>(List.of(unit + "", cycle + "", "0.0", "-0.0002", "100.0"));
    for (int s = 1; s <= 21; s++) {
      cells.add(s == 11 ? Double.toString(s11) : "1.5");
    }
    return String.join(" ", cells) + " ";
  }

  /** An engine of {@code cycles} cycles whose s11 is 47.0, and 48.5 from {@code hotFrom} on. */
  static List<String> engine(int unit, int cycles, int hotFrom) {
    List<String> rows = new ArrayList<>();
    for (int c = 1; c <= cycles; c++) {
      rows.add(row(unit, c, c >= hotFrom ? 48.5 : 47.0));
    }
    return rows;
  }
}
