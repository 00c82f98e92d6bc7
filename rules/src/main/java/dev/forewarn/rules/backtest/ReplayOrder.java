package dev.forewarn.rules.backtest;

import dev.forewarn.rules.reading.Reading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts history in the order live detection evaluates it: each device in the order of its sequence
 * numbers, as the job follows them, so a reading whose clock went back is evaluated after the one
 * before it (and ignored by the evaluators, as live) instead of before it. A device that restarted
 * its counter numbers its readings from the start again: its readings are split, in event-time
 * order, into counter epochs at each seq the current epoch has already seen or that is below the
 * seq the epoch began with, and the epochs follow one another. A reading of the same device, seq
 * and time as one before is a duplicate and is dropped, as the job drops it. Devices are
 * interleaved by event time, which no device's outcome depends on.
 */
public final class ReplayOrder {

  private static final Comparator<Reading> BY_TIME =
      Comparator.comparing(Reading::ts)
          .thenComparing(Reading::deviceId)
          .thenComparingLong(Reading::seq);

  private ReplayOrder() {}

  /** The readings in replay order, duplicates dropped. */
  public static List<Reading> sorted(List<Reading> readings) {
    List<Reading> byTime = new ArrayList<>(readings);
    byTime.sort(BY_TIME);
    Set<String> seen = new HashSet<>();
    byTime.removeIf(
        reading -> !seen.add(reading.deviceId() + "|" + reading.seq() + "|" + reading.ts()));

    Map<String, List<List<Reading>>> epochs = new LinkedHashMap<>();
    Map<String, Set<Long>> epochSeqs = new LinkedHashMap<>();
    for (Reading reading : byTime) {
      List<List<Reading>> device =
          epochs.computeIfAbsent(reading.deviceId(), d -> new ArrayList<>());
      Set<Long> seqs = epochSeqs.get(reading.deviceId());
      // A seq seen again, or one below where the counter started: the counter restarted.
      if (device.isEmpty()
          || reading.seq() < device.get(device.size() - 1).get(0).seq()
          || !seqs.add(reading.seq())) {
        device.add(new ArrayList<>());
        seqs = new HashSet<>(Set.of(reading.seq()));
        epochSeqs.put(reading.deviceId(), seqs);
      }
      device.get(device.size() - 1).add(reading);
    }

    // Each device's readings in seq order per epoch; then all devices merged by position in time.
    List<Reading> ordered = new ArrayList<>(byTime.size());
    Map<String, List<Reading>> perDevice = new LinkedHashMap<>();
    epochs.forEach(
        (device, deviceEpochs) -> {
          List<Reading> sequence = new ArrayList<>();
          for (List<Reading> epoch : deviceEpochs) {
            epoch.sort(Comparator.comparingLong(Reading::seq));
            sequence.addAll(epoch);
          }
          perDevice.put(device, sequence);
        });
    Map<String, Integer> next = new LinkedHashMap<>();
    for (Reading slot : byTime) {
      int at = next.merge(slot.deviceId(), 1, Integer::sum) - 1;
      ordered.add(perDevice.get(slot.deviceId()).get(at));
    }
    return ordered;
  }
}
