package dev.forewarn.rules.lifecycle;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Evidence maps are sorted by name so that they iterate, print and serialise the same way in every
 * JVM (the maps of {@code Map.of} iterate in an order that changes from run to run), and hold only
 * finite numbers because they end up in JSON, where NaN does not exist.
 */
final class Evidence {

  /** Seconds from the decision's time to the forecast crossing. */
  static final String ETA_SECONDS = "eta_seconds";

  /** The forecast's confidence in [0, 1]. */
  static final String ETA_CONFIDENCE = "eta_confidence";

  private Evidence() {}

  static SortedMap<String, Double> copy(Map<String, Double> evidence) {
    if (evidence == null) {
      return Collections.emptySortedMap();
    }
    TreeMap<String, Double> sorted = new TreeMap<>();
    evidence.forEach(
        (name, value) -> {
          if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("evidence: blank name");
          }
          if (value == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException(
                "evidence." + name + ": not a finite number (" + value + ")");
          }
          sorted.put(name, value);
        });
    return Collections.unmodifiableSortedMap(sorted);
  }
}
