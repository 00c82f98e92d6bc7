package dev.forewarn.ingest.influx;

import dev.forewarn.rules.reading.Reading;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Collects points and writes them when a batch is full, when the oldest has waited the flush
 * interval, and on every checkpoint and at the end. A batch goes to a writing thread of its own so
 * that the task encodes the next batch while InfluxDB takes the last, instead of holding up the
 * operators before it for the length of every HTTP call. At most one batch is in flight: the next
 * one waits for it, so while InfluxDB is slow the job slows down instead of piling points up in
 * memory, and a checkpoint waits for it too, so it never completes over points not yet written. A
 * failed write fails the job at the next batch or checkpoint, whichever comes first.
 */
final class InfluxHistoryWriter implements SinkWriter<Reading> {

  // About 200 bytes a line: room for a batch without growing.
  private static final int BYTES_PER_POINT = 256;

  private final InfluxSettings settings;
  private final InfluxClient client;
  private final ProcessingTimeService time;
  private final Counter written;
  private final Counter refusedBatches;
  private final StringBuilder batch;
  private int points;
  private ScheduledFuture<?> timer;
  private final ExecutorService writing;
  private Future<Boolean> inFlight;
  private int inFlightPoints;

  InfluxHistoryWriter(
      InfluxSettings settings,
      InfluxClient client,
      ProcessingTimeService time,
      MetricGroup metrics) {
    this.settings = settings;
    this.client = client;
    this.time = time;
    this.written = metrics.counter("history_points_written");
    this.refusedBatches = metrics.counter("history_batches_refused");
    this.batch = new StringBuilder(settings.batchSize() * BYTES_PER_POINT);
    this.writing =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "influx-history-writer");
              thread.setDaemon(true);
              return thread;
            });
    client.createDatabase();
  }

  @Override
  public void write(Reading reading, Context context) throws IOException, InterruptedException {
    TelemetryLines.append(batch, reading);
    points++;
    if (points >= settings.batchSize()) {
      writeBatch();
    } else if (timer == null) {
      long due = time.getCurrentProcessingTime() + settings.flushInterval().toMillis();
      timer = time.registerTimer(due, ignored -> onTimer());
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    writeBatch();
    awaitInFlight();
  }

  @Override
  public void close() throws Exception {
    try {
      writeBatch();
      awaitInFlight();
    } finally {
      writing.shutdownNow();
      client.close();
    }
  }

  private void onTimer() throws IOException, InterruptedException {
    timer = null;
    writeBatch();
  }

  private void writeBatch() throws IOException, InterruptedException {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    if (points == 0) {
      return;
    }
    awaitInFlight();
    String lines = batch.toString();
    int count = points;
    batch.setLength(0);
    points = 0;
    inFlightPoints = count;
    inFlight = writing.submit(() -> client.write(lines, count));
  }

  /** Waits for the batch in flight, if any, and counts it on the task thread. */
  private void awaitInFlight() throws IOException, InterruptedException {
    if (inFlight == null) {
      return;
    }
    boolean accepted;
    try {
      accepted = inFlight.get();
    } catch (ExecutionException e) {
      inFlight = null;
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException("writing a batch to InfluxDB failed", cause);
    }
    inFlight = null;
    if (accepted) {
      written.inc(inFlightPoints);
    } else {
      refusedBatches.inc();
    }
  }
}
