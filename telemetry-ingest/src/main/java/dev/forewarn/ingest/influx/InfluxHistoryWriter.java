package dev.forewarn.ingest.influx;

import dev.forewarn.rules.Reading;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Collects points and writes them when a batch is full, when the oldest has waited the flush
 * interval, and on every checkpoint and at the end. Writes happen on the task thread (timers fire
 * there too), so while InfluxDB is slow the job slows down instead of piling points up in memory.
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
  }

  @Override
  public void close() throws Exception {
    try {
      writeBatch();
    } finally {
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
    if (client.write(batch.toString(), points)) {
      written.inc(points);
    } else {
      refusedBatches.inc();
    }
    batch.setLength(0);
    points = 0;
  }
}
