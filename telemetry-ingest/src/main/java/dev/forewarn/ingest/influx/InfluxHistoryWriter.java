package dev.forewarn.ingest.influx;

import dev.forewarn.ingest.influx.HistoryBuffer.Batch;
import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects points into batches (full, or the oldest point waited the flush interval, or a
 * checkpoint) and hands them to a {@link HistoryBuffer} that a writing thread of its own drains
 * into InfluxDB, retrying with growing pauses for as long as InfluxDB is away. Nothing here waits
 * for InfluxDB on the task thread, and nothing here fails the job: history can never stop
 * detection, nor hold back a checkpoint and with it the acknowledgement of every MQTT message.
 *
 * <p>A checkpoint carries the batches not yet written in the writer's state, so a restart writes
 * them after all. The buffer is bounded ({@link InfluxSettings#bufferPoints()}): when InfluxDB is
 * away long enough to fill it, the oldest waiting batches are dropped and counted ({@code
 * history_points_dropped}). Points written twice (a batch in flight at a checkpoint) overwrite
 * themselves.
 *
 * <p>A batch InfluxDB refuses points of (InfluxDB 1.x keeps the others and names one reason) is
 * halved and written again, and the halves that are refused halved again, until each refused point
 * stands alone with its own reason: those become dead letters ({@link RefusedPoints}) and are
 * counted ({@code history_points_refused}), the rest is history. Writing twice is harmless, and a
 * batch holding k refused points of n costs about k log2 n more writes.
 */
final class InfluxHistoryWriter implements StatefulSinkWriter<Reading, String> {

  private static final Logger LOG = LoggerFactory.getLogger(InfluxHistoryWriter.class);
  // At most 5 s between tries: history is written again within 5 s of InfluxDB's return, and a try
  // against an InfluxDB that is away costs one refused connection.
  private static final long[] BACKOFF_MS = {200, 1_000, 2_000, 5_000};
  private static final long END_OF_INPUT_PATIENCE_MS = 600_000;
  // About 200 bytes a line: room for a batch without growing.
  private static final int BYTES_PER_POINT = 256;

  private final InfluxSettings settings;
  private final InfluxClient client;
  private final ProcessingTimeService time;
  private final Counter written;
  private final Counter refusedBatches;
  private final Counter refusedPoints;
  private final RefusedPoints refused;
  private final Counter dropped;
  private final HistoryBuffer buffer;
  private final StringBuilder batch;
  private final Thread writing;
  private int points;
  private ScheduledFuture<?> timer;

  /**
   * @param restored batches a checkpoint carried, written first
   */
  InfluxHistoryWriter(
      InfluxSettings settings,
      InfluxClient client,
      ProcessingTimeService time,
      MetricGroup metrics,
      Collection<String> restored,
      RefusedPoints refused) {
    this.settings = settings;
    this.client = client;
    this.time = time;
    this.written = metrics.counter("history_points_written");
    this.refusedBatches = metrics.counter("history_batches_refused");
    this.refusedPoints = metrics.counter("history_points_refused");
    this.refused = refused;
    this.dropped = metrics.counter("history_points_dropped");
    this.buffer = new HistoryBuffer(settings.bufferPoints());
    metrics.gauge("history_points_buffered", buffer::points);
    this.batch = new StringBuilder(Math.min(settings.batchSize(), 10_000) * BYTES_PER_POINT);
    for (String lines : restored) {
      buffer.add(new Batch(lines, countLines(lines)));
    }
    this.writing = new Thread(this::drain, "influx-history-writer");
    writing.setDaemon(true);
    writing.start();
  }

  @Override
  public void write(Reading reading, Context context) {
    TelemetryLines.append(batch, reading);
    points++;
    if (points >= settings.batchSize()) {
      handOver();
    } else if (timer == null) {
      long due = time.getCurrentProcessingTime() + settings.flushInterval().toMillis();
      timer = time.registerTimer(due, ignored -> onTimer());
    }
  }

  /**
   * Hands the open batch to the buffer. At a checkpoint it does not wait for InfluxDB: the batches
   * not yet written travel in the checkpoint ({@link #snapshotState}). At the end of a finite input
   * it waits until they are written, since no later checkpoint will carry them.
   */
  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    handOver();
    if (endOfInput && !buffer.awaitEmpty(END_OF_INPUT_PATIENCE_MS)) {
      throw new IOException(
          "InfluxDB at " + settings.url() + " took no history for ten minutes at the end of input");
    }
  }

  @Override
  public List<String> snapshotState(long checkpointId) {
    List<String> state = new ArrayList<>();
    for (Batch waiting : buffer.snapshot()) {
      state.add(waiting.lines());
    }
    return state;
  }

  @Override
  public void close() {
    writing.interrupt();
    client.close();
  }

  private void onTimer() {
    timer = null;
    handOver();
  }

  private void handOver() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    if (points == 0) {
      return;
    }
    long lost = buffer.add(new Batch(batch.toString(), points));
    batch.setLength(0);
    points = 0;
    if (lost > 0) {
      dropped.inc(lost);
      LOG.warn(
          "history buffer full ({} points): dropped the {} oldest points not yet written to"
              + " InfluxDB at {}",
          settings.bufferPoints(),
          lost,
          settings.url());
    }
  }

  /** The writing thread: the oldest batch first, again and again until InfluxDB takes it. */
  private void drain() {
    client.createDatabase();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Batch next = buffer.take();
        writeUntilDone(next);
        buffer.done(next);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeUntilDone(Batch next) throws InterruptedException {
    long outageStart = 0;
    for (int attempt = 0; ; attempt++) {
      try {
        List<DeadLetter> letters = writeOrHalve(next.lines(), true);
        if (!letters.isEmpty()) {
          keepUntilDone(letters, next.points());
        }
        written.inc(next.points() - letters.size());
        if (outageStart != 0) {
          LOG.info(
              "InfluxDB at {} takes history again after {} s; {} points were buffered",
              settings.url(),
              (System.currentTimeMillis() - outageStart) / 1000,
              buffer.points());
        }
        return;
      } catch (IOException e) {
        if (outageStart == 0) {
          outageStart = System.currentTimeMillis();
          LOG.warn(
              "history not written, buffering up to {} points and retrying: {}",
              settings.bufferPoints(),
              e.getMessage());
        }
        Thread.sleep(BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]);
      }
    }
  }

  /**
   * Writes the lines; when InfluxDB refuses some, writes each half again, until every refused line
   * stands alone.
   *
   * @return a dead letter per line InfluxDB refused, with its reason
   */
  private List<DeadLetter> writeOrHalve(String lines, boolean whole) throws IOException {
    Optional<String> refusal = client.write(lines);
    if (refusal.isEmpty()) {
      return List.of();
    }
    if (whole) {
      refusedBatches.inc();
    }
    int cut = middle(lines);
    if (cut < 0) {
      return List.of(deadLetter(lines.strip(), refusal.get()));
    }
    List<DeadLetter> letters = new ArrayList<>(writeOrHalve(lines.substring(0, cut), false));
    letters.addAll(writeOrHalve(lines.substring(cut), false));
    return letters;
  }

  /** Where the second half of the lines starts; -1 for a single line. */
  private static int middle(String lines) {
    int half = countLines(lines) / 2;
    if (half == 0) {
      return -1;
    }
    int at = -1;
    for (int i = 0; i < half; i++) {
      at = lines.indexOf('\n', at + 1);
    }
    return at + 1;
  }

  private static DeadLetter deadLetter(String line, String reason) {
    String deviceId = TelemetryLines.deviceId(line);
    return new DeadLetter(
        Instant.now(),
        deviceId.isEmpty() ? "" : ReadingJson.telemetryTopic(deviceId),
        "history: InfluxDB refused the point: " + reason,
        line,
        deviceId,
        "");
  }

  /** Keeps the dead letters of refused points, pausing and trying again until they are kept. */
  private void keepUntilDone(List<DeadLetter> letters, int batchPoints)
      throws InterruptedException {
    LOG.warn(
        "InfluxDB at {} refused {} of {} points, kept as dead letters; the first: {}",
        settings.url(),
        letters.size(),
        batchPoints,
        letters.get(0).reason());
    for (int attempt = 0; ; attempt++) {
      try {
        refused.keep(letters);
        refusedPoints.inc(letters.size());
        return;
      } catch (Exception e) {
        if (attempt == 0) {
          LOG.warn(
              "dead letters of refused history points not kept yet, retrying: {}", e.toString());
        }
        Thread.sleep(BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]);
      }
    }
  }

  private static int countLines(String lines) {
    int count = 0;
    for (int i = 0; i < lines.length(); i++) {
      count += lines.charAt(i) == '\n' ? 1 : 0;
    }
    return count;
  }
}
