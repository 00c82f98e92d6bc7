package dev.forewarn.bench.detection;

import java.time.Instant;

/**
 * One labelled anomaly window of a NAB data file, both ends included.
 *
 * @param start timestamp of the window's first row
 * @param end timestamp of its last row
 */
record NabWindow(Instant start, Instant end) {

  NabWindow {
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "window ends (" + end + ") before it starts (" + start + ")");
    }
  }
}
