package dev.forewarn.ingest.mqtt;

import java.util.List;

/**
 * What the split enumerator checkpoints.
 *
 * @param splitCount how many splits (sessions) exist so far; indexes {@code 0..splitCount-1}
 * @param unassigned split indexes not handed to a reader yet
 */
public record MqttEnumeratorState(int splitCount, List<Integer> unassigned) {

  public MqttEnumeratorState {
    unassigned = List.copyOf(unassigned);
  }
}
