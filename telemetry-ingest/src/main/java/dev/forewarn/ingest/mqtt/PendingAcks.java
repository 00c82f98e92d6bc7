package dev.forewarn.ingest.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Messages emitted but not yet acknowledged to the broker, grouped by the checkpoint that covers
 * them. Only the task thread touches it.
 */
final class PendingAcks {

  private List<Delivery> sinceLastSnapshot = new ArrayList<>();
  private final NavigableMap<Long, List<Delivery>> byCheckpoint = new TreeMap<>();

  /** A message was emitted downstream. */
  void emitted(Delivery delivery) {
    sinceLastSnapshot.add(delivery);
  }

  /** Everything emitted so far is covered by this checkpoint. */
  void snapshot(long checkpointId) {
    if (!sinceLastSnapshot.isEmpty()) {
      byCheckpoint.put(checkpointId, sinceLastSnapshot);
      sinceLastSnapshot = new ArrayList<>();
    }
  }

  /**
   * The checkpoint completed: acknowledges what it and every earlier checkpoint covered (an aborted
   * checkpoint's messages are acknowledged with the next one that completes).
   *
   * @return how many messages were acknowledged
   */
  int completed(long checkpointId) {
    NavigableMap<Long, List<Delivery>> done = byCheckpoint.headMap(checkpointId, true);
    int count = 0;
    for (Map.Entry<Long, List<Delivery>> entry : done.entrySet()) {
      entry.getValue().forEach(Delivery::acknowledge);
      count += entry.getValue().size();
    }
    done.clear();
    return count;
  }

  /** Messages emitted and not acknowledged yet. */
  int size() {
    return sinceLastSnapshot.size() + byCheckpoint.values().stream().mapToInt(List::size).sum();
  }
}
