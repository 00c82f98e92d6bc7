package dev.forewarn.ingest.backtest;

import dev.forewarn.rules.reading.Reading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts history in the order live detection evaluates it: per device by event time (then seq), with
 * a reading of the same device, seq and time as one before dropped, as the job drops a duplicate. A
 * seq that comes back at another time is a device that restarted its counter, and is kept.
 */
final class ReplayOrder {

  private static final Comparator<Reading> ORDER =
      Comparator.comparing(Reading::ts)
          .thenComparing(Reading::deviceId)
          .thenComparingLong(Reading::seq);

  private ReplayOrder() {}

  static List<Reading> sorted(List<Reading> readings) {
    List<Reading> ordered = new ArrayList<>(readings);
    ordered.sort(ORDER);
    Set<String> seen = new HashSet<>();
    ordered.removeIf(
        reading -> !seen.add(reading.deviceId() + "|" + reading.seq() + "|" + reading.ts()));
    return ordered;
  }
}
