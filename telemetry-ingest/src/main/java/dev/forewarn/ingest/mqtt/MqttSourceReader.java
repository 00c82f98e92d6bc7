package dev.forewarn.ingest.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.synchronization.FutureCompletingBlockingQueue;
import org.apache.flink.core.io.InputStatus;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the MQTT sessions (splits) assigned to one subtask. The task thread only drains the queue
 * that Paho's callback threads fill, and acknowledges messages once the checkpoint that covers them
 * has completed.
 */
final class MqttSourceReader implements SourceReader<MqttRecord, MqttSplit> {

  private static final Logger LOG = LoggerFactory.getLogger(MqttSourceReader.class);
  private static final int MAX_RECORDS_PER_POLL = 1_000;

  private final MqttSourceSettings settings;
  private final FutureCompletingBlockingQueue<Delivery> queue;
  private final ScheduledExecutorService scheduler;
  private final List<MqttSplit> splits = new ArrayList<>();
  private final List<MqttConnection> connections = new ArrayList<>();
  private final PendingAcks pending = new PendingAcks();

  MqttSourceReader(MqttSourceSettings settings, SourceReaderContext context) {
    this.settings = settings;
    this.queue = new FutureCompletingBlockingQueue<>(settings.queueCapacity());
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "mqtt-connect-" + context.getIndexOfSubtask());
              thread.setDaemon(true);
              return thread;
            });
    context.metricGroup().gauge("pendingAcks", pending::size);
    context.metricGroup().gauge("queuedMessages", queue::size);
  }

  @Override
  public void start() {
    // Connections start as splits arrive.
  }

  @Override
  public void addSplits(List<MqttSplit> newSplits) {
    for (MqttSplit split : newSplits) {
      if (!settings.shared() && split.index() > 0) {
        // Restored from a job that read a shared subscription through several sessions: read
        // again, this one would subscribe plainly and bring every message a second time.
        LOG.warn(
            "MQTT session {} is no longer read: a plain subscription is read through {} alone."
                + " End it, losing what is queued for it: mosquitto_sub -i {} -t unused -E"
                + " (docs/mqtt-broker.md)",
            settings.clientId(split.index()),
            settings.clientId(0),
            settings.clientId(split.index()));
        continue;
      }
      try {
        MqttConnection connection =
            new MqttConnection(settings, split.index(), connections.size(), queue, scheduler);
        splits.add(split);
        connections.add(connection);
        connection.start();
      } catch (MqttException e) {
        throw new IllegalArgumentException(
            "cannot create an MQTT client for " + settings.serverUri() + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public InputStatus pollNext(ReaderOutput<MqttRecord> output) {
    for (int i = 0; i < MAX_RECORDS_PER_POLL; i++) {
      Delivery delivery = queue.poll();
      if (delivery == null) {
        return InputStatus.NOTHING_AVAILABLE;
      }
      output.collect(delivery.record());
      pending.emitted(delivery);
    }
    return InputStatus.MORE_AVAILABLE;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return queue.getAvailabilityFuture();
  }

  @Override
  public List<MqttSplit> snapshotState(long checkpointId) {
    pending.snapshot(checkpointId);
    return List.copyOf(splits);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    int acknowledged = pending.completed(checkpointId);
    LOG.debug("checkpoint {} complete: acknowledged {} MQTT messages", checkpointId, acknowledged);
  }

  @Override
  public void notifyNoMoreSplits() {
    // The source is unbounded; the enumerator never says this.
  }

  @Override
  public void close() {
    connections.forEach(MqttConnection::close);
    scheduler.shutdownNow();
  }
}
