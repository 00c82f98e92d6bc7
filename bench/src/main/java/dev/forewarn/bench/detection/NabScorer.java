package dev.forewarn.bench.detection;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NAB's scoring of one data file at a fixed operating point, as NAB v1.1 defines it: rows in the
 * probation period (the first 15%, at most 750 rows) are ignored; the earliest detection in a
 * window earns {@code A_TP} scaled by a sigmoid of its position (exactly {@code A_TP} at the left
 * edge); a window without detection costs {@code A_FN}; every detection outside the windows costs
 * {@code A_FP} scaled by the sigmoid of its distance past the previous window's right edge, in
 * units of that window's width, and the full {@code A_FP} before the first window.
 */
final class NabScorer {

  private static final double PROBATION_SHARE = 0.15;
  private static final double PROBATION_CAP_ROWS = PROBATION_SHARE * 5000;
  private static final double MAX_TP = scaledSigmoid(-1.0);

  private NabScorer() {}

  /**
   * NAB's scaled sigmoid of a relative position: about 0.987 at a window's left edge (-1), 0 at its
   * right edge (0), about -0.987 one window width past it, and -1 from 3 widths on.
   */
  static double scaledSigmoid(double position) {
    if (position >= 3.0) {
      return -1.0;
    }
    return 2 / (1 + Math.exp(5 * position)) - 1;
  }

  /** Rows at the start of a file that are not scored; row indexes below this are probation. */
  static double probationLength(int rows) {
    return Math.min(Math.floor(PROBATION_SHARE * rows), PROBATION_CAP_ROWS);
  }

  /**
   * Scores one file.
   *
   * @param timestamps the file's rows, in order
   * @param detected whether each row is a detection
   * @param windows the file's windows in time order, not overlapping, each starting and ending on a
   *     row's timestamp
   * @param profile the costs
   */
  static NabFileScore score(
      List<Instant> timestamps, boolean[] detected, List<NabWindow> windows, NabProfile profile) {
    if (detected.length != timestamps.size()) {
      throw new IllegalArgumentException(
          detected.length + " detection flags for " + timestamps.size() + " rows");
    }
    int[][] bounds = rowBounds(timestamps, windows);
    double probation = probationLength(timestamps.size());
    boolean[] scored = new boolean[windows.size()];
    double[] reward = new double[windows.size()];
    double falsePositiveCost = 0;
    int falsePositives = 0;
    int current = -1;
    int next = 0;
    int previousRight = -1;
    for (int i = 0; i < timestamps.size(); i++) {
      if (current < 0 && next < windows.size() && i == bounds[next][0]) {
        current = next++;
        reward[current] = -profile.fnWeight();
      }
      if (i >= probation) {
        if (current >= 0) {
          scored[current] = true;
          if (detected[i]) {
            int right = bounds[current][1];
            double width = right - bounds[current][0] + 1;
            double position = -(right - i + 1) / width;
            double earned = scaledSigmoid(position) * profile.tpWeight() / MAX_TP;
            reward[current] = Math.max(reward[current], earned);
          }
        } else if (detected[i]) {
          double position = 3.0;
          if (previousRight >= 0) {
            double previousWidth = previousRight - bounds[next - 1][0] + 1;
            position = Math.abs(previousRight - i) / (previousWidth - 1);
          }
          falsePositiveCost += scaledSigmoid(position) * profile.fpWeight();
          falsePositives++;
        }
      }
      if (current >= 0 && i == bounds[current][1]) {
        previousRight = i;
        current = -1;
      }
    }
    double raw = falsePositiveCost;
    int scoredWindows = 0;
    int detectedWindows = 0;
    for (int w = 0; w < windows.size(); w++) {
      if (scored[w]) {
        raw += reward[w];
        scoredWindows++;
        detectedWindows += reward[w] > -profile.fnWeight() ? 1 : 0;
      }
    }
    return new NabFileScore(raw, scoredWindows, detectedWindows, falsePositives);
  }

  /** Row index of each window's first and last timestamp (the first row with that timestamp). */
  private static int[][] rowBounds(List<Instant> timestamps, List<NabWindow> windows) {
    Map<Instant, Integer> rows = new HashMap<>();
    for (int i = 0; i < timestamps.size(); i++) {
      rows.putIfAbsent(timestamps.get(i), i);
    }
    int[][] bounds = new int[windows.size()][];
    for (int w = 0; w < windows.size(); w++) {
      NabWindow window = windows.get(w);
      Integer start = rows.get(window.start());
      Integer end = rows.get(window.end());
      if (start == null || end == null) {
        throw new IllegalArgumentException(
            "window " + window.start() + " to " + window.end() + " does not start and end on rows");
      }
      if (w > 0 && start <= bounds[w - 1][1]) {
        throw new IllegalArgumentException(
            "window starting " + window.start() + " overlaps or precedes the one before it");
      }
      bounds[w] = new int[] {start, end};
    }
    return bounds;
  }
}
