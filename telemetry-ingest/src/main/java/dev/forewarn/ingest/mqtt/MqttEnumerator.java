package dev.forewarn.ingest.mqtt;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands out one MQTT session per reader of a shared subscription. Session {@code n} goes to reader
 * {@code n % parallelism}; when the job is restored with a higher parallelism, new sessions are
 * created for the new readers, and with a lower one Flink redistributes the restored sessions among
 * the remaining readers, so every session that may hold queued messages keeps being read. A plain
 * subscription has one session, {@code 0}, whatever the parallelism: every session subscribed to it
 * would receive every message.
 */
final class MqttEnumerator implements SplitEnumerator<MqttSplit, MqttEnumeratorState> {

  private final SplitEnumeratorContext<MqttSplit> context;
  private final boolean shared;
  private final TreeSet<Integer> unassigned;
  private int splitCount;

  MqttEnumerator(
      SplitEnumeratorContext<MqttSplit> context, boolean shared, MqttEnumeratorState restored) {
    this.context = context;
    this.shared = shared;
    this.unassigned = new TreeSet<>(restored.unassigned());
    this.splitCount = restored.splitCount();
  }

  @Override
  public void start() {
    int sessions = shared ? context.currentParallelism() : 1;
    for (int index = splitCount; index < sessions; index++) {
      unassigned.add(index);
    }
    splitCount = Math.max(splitCount, sessions);
    context.registeredReaders().keySet().forEach(this::assignTo);
  }

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    // Splits are pushed when a reader registers; readers never ask.
  }

  @Override
  public void addSplitsBack(List<MqttSplit> splits, int subtaskId) {
    splits.forEach(split -> unassigned.add(split.index()));
    if (context.registeredReaders().containsKey(subtaskId)) {
      assignTo(subtaskId);
    }
  }

  @Override
  public void addReader(int subtaskId) {
    assignTo(subtaskId);
  }

  @Override
  public MqttEnumeratorState snapshotState(long checkpointId) {
    return new MqttEnumeratorState(splitCount, new ArrayList<>(unassigned));
  }

  @Override
  public void close() {}

  private void assignTo(int subtaskId) {
    int parallelism = context.currentParallelism();
    for (Iterator<Integer> it = unassigned.iterator(); it.hasNext(); ) {
      int index = it.next();
      if (index % parallelism == subtaskId) {
        context.assignSplit(new MqttSplit(index), subtaskId);
        it.remove();
      }
    }
  }
}
