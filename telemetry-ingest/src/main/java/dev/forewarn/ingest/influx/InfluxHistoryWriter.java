package dev.forewarn.ingest.influx;

import dev.forewarn.rules.Reading;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.influxdb.dto.Point;

/**
 * Collects points and writes them when a batch is full, when the oldest has waited the flush
 * interval, and on every checkpoint and at the end. Writes happen on the task thread (timers fire
 * there too), so while InfluxDB is slow the job slows down instead of piling points up in memory.
 */
final class InfluxHistoryWriter implements SinkWriter<Reading> {

  private final InfluxSettings settings;
  private final InfluxClient client;
  private final ProcessingTimeService time;
  private final Counter written;
  private final Counter refusedBatches;
  private List<Point> buffer;
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
    this.buffer = new ArrayList<>(settings.batchSize());
    client.createDatabase();
  }

  @Override
  public void write(Reading reading, Context context) throws IOException, InterruptedException {
    buffer.add(TelemetryPoints.of(reading));
    if (buffer.size() >= settings.batchSize()) {
      writeBuffer();
    } else if (timer == null) {
      long due = time.getCurrentProcessingTime() + settings.flushInterval().toMillis();
      timer = time.registerTimer(due, ignored -> onTimer());
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    writeBuffer();
  }

  @Override
  public void close() throws Exception {
    try {
      writeBuffer();
    } finally {
      client.close();
    }
  }

  private void onTimer() throws IOException, InterruptedException {
    timer = null;
    writeBuffer();
  }

  private void writeBuffer() throws IOException, InterruptedException {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    if (buffer.isEmpty()) {
      return;
    }
    List<Point> batch = buffer;
    buffer = new ArrayList<>(settings.batchSize());
    if (client.write(batch)) {
      written.inc(batch.size());
    } else {
      refusedBatches.inc();
    }
  }
}
