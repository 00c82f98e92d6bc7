package dev.forewarn.bench.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NAB's label files: the anomaly windows per data file ({@code labels/combined_windows.json})
 * and the scoring profiles ({@code config/profiles.json}). Timestamps without a zone are UTC, as
 * the benchmark's data files are read.
 */
final class NabLabels {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();

  private NabLabels() {}

  /**
   * Windows per data file, keyed by the file's path relative to the data directory ({@code
   * realKnownCause/nyc_taxi.csv}), in time order; windows that overlap are merged into one, as
   * NAB's labeller does.
   */
  static Map<String, List<NabWindow>> windows(Path file) throws IOException {
    JsonNode root = read(file);
    Map<String, List<NabWindow>> windows = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      List<NabWindow> list = new ArrayList<>();
      for (int i = 0; i < entry.getValue().size(); i++) {
        JsonNode pair = entry.getValue().get(i);
        String where = file + ": " + entry.getKey() + "[" + i + "]";
        if (!pair.isArray() || pair.size() != 2) {
          throw new IllegalArgumentException(where + ": a window must be [start, end]");
        }
        list.add(new NabWindow(instant(pair.get(0), where), instant(pair.get(1), where)));
      }
      windows.put(entry.getKey(), merged(list));
    }
    return windows;
  }

  /** Sorts windows by start and merges those that overlap or touch. */
  static List<NabWindow> merged(List<NabWindow> windows) {
    List<NabWindow> sorted = new ArrayList<>(windows);
    sorted.sort((a, b) -> a.start().compareTo(b.start()));
    List<NabWindow> merged = new ArrayList<>();
    for (NabWindow window : sorted) {
      NabWindow last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && !window.start().isAfter(last.end())) {
        Instant end = window.end().isAfter(last.end()) ? window.end() : last.end();
        merged.set(merged.size() - 1, new NabWindow(last.start(), end));
      } else {
        merged.add(window);
      }
    }
    return merged;
  }

  /** The profiles in file order (NAB's: standard, reward_low_FP_rate, reward_low_FN_rate). */
  static List<NabProfile> profiles(Path file) throws IOException {
    JsonNode root = read(file);
    List<NabProfile> profiles = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode costs = entry.getValue().path("CostMatrix");
      String where = file + ": " + entry.getKey() + ".CostMatrix";
      profiles.add(
          new NabProfile(
              entry.getKey(),
              weight(costs, "tpWeight", where),
              weight(costs, "fpWeight", where),
              weight(costs, "fnWeight", where)));
    }
    return profiles;
  }

  /** Parses a NAB timestamp ({@code 2014-04-10 07:15:00.000000}) as UTC. */
  static Instant instant(String text) {
    return LocalDateTime.parse(text, TIMESTAMP).toInstant(ZoneOffset.UTC);
  }

  private static Instant instant(JsonNode node, String where) {
    try {
      return instant(node.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ": not a timestamp: " + node);
    }
  }

  private static double weight(JsonNode costs, String name, String where) {
    JsonNode value = costs.get(name);
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException(where + "." + name + ": a number is required");
    }
    return value.asDouble();
  }

  private static JsonNode read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": a JSON object is required");
    }
    return root;
  }
}
