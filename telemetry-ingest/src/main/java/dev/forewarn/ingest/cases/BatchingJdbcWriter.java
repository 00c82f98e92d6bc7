package dev.forewarn.ingest.cases;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rows in small transactions: when {@code maxBatch} rows wait, when the oldest has waited
 * {@code maxDelay}, on every checkpoint and at the end. A lost connection is replaced and the batch
 * retried; errors in the data itself fail at once instead of being retried forever.
 *
 * <p>The prompt transactions commit without waiting for the disk ({@code synchronous_commit} off):
 * a flush per commit would cap the rate of case events at the disk's. Durability is settled at
 * every checkpoint instead, by one commit that does wait: PostgreSQL's log is sequential, so that
 * commit being on disk means every earlier one is too, before the broker hears that the readings
 * behind them may be forgotten.
 */
final class BatchingJdbcWriter<T> implements SinkWriter<T> {

  private static final Logger LOG = LoggerFactory.getLogger(BatchingJdbcWriter.class);
  // About 15 s of retries in place, none of its pauses over 3 s: a database back after a short
  // restart is written to within 3 s; one away for longer fails the task and the job restarts.
  private static final long[] BACKOFF_MS = {200, 1_000, 2_000, 3_000, 3_000, 3_000, 3_000};

  private final JdbcSettings settings;
  private final RowWriter<T> rows;
  private final int maxBatch;
  private final Duration maxDelay;
  private final ProcessingTimeService time;
  private final Counter written;
  private final List<T> buffer = new ArrayList<>();
  private ScheduledFuture<?> timer;
  private Connection connection;

  /** Whether a transaction committed since the last checkpoint may not be on disk yet. */
  private boolean uncertain;

  BatchingJdbcWriter(
      JdbcSettings settings,
      RowWriter<T> rows,
      int maxBatch,
      Duration maxDelay,
      ProcessingTimeService time,
      Counter written)
      throws IOException {
    this.settings = settings;
    this.rows = rows;
    this.maxBatch = maxBatch;
    this.maxDelay = maxDelay;
    this.time = time;
    this.written = written;
    try {
      Tables.require(connection(), rows.table(), settings);
    } catch (SQLException e) {
      closeConnection();
      throw new IOException("cannot connect to " + settings.safeUrl() + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      closeConnection();
      throw e;
    }
  }

  @Override
  public void write(T element, Context context) throws IOException, InterruptedException {
    buffer.add(element);
    if (buffer.size() >= maxBatch) {
      writeBuffer();
    } else if (timer == null) {
      long due = time.getCurrentProcessingTime() + maxDelay.toMillis();
      timer = time.registerTimer(due, ignored -> onTimer());
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    writeBuffer();
    makeDurable();
  }

  /**
   * Closes the connection without writing: at the end of input {@link #flush} has written every
   * row, and rows still waiting here mean the task is failing or cancelled. They all arrived after
   * the last checkpoint, so the restart from it replays their readings and brings them back;
   * writing them now would wait for a database that may be away, and a failure while a failing task
   * closes is fatal to its TaskManager (in the embedded cluster, the job then hangs without one).
   */
  @Override
  public void close() {
    if (!buffer.isEmpty()) {
      LOG.warn(
          "closing with {} rows for {} not written; the restart from the last checkpoint replays"
              + " them",
          buffer.size(),
          rows.table());
      buffer.clear();
    }
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    closeConnection();
  }

  /** Waits until every transaction committed so far is on disk. */
  private void makeDurable() throws IOException {
    if (!uncertain) {
      return;
    }
    try (Statement statement = connection().createStatement()) {
      statement.execute("SET LOCAL synchronous_commit = on");
      // An assigned transaction id gives the commit a log record to wait for.
      statement.execute("SELECT txid_current()");
      connection.commit();
      uncertain = false;
    } catch (SQLException e) {
      closeConnection();
      throw new IOException(
          "making "
              + rows.table()
              + " writes durable in "
              + settings.safeUrl()
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = settings.connect();
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET synchronous_commit = off");
      }
      connection.commit();
    }
    return connection;
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
    for (int attempt = 0; !buffer.isEmpty(); attempt++) {
      try {
        rows.write(connection(), buffer);
        connection.commit();
        uncertain = true;
        written.inc(buffer.size());
        buffer.clear();
      } catch (SQLException e) {
        closeConnection();
        // Rows committed without waiting for the disk may be gone with a crashed server: only a
        // restart from the last checkpoint, which replays their readings, brings them back.
        if (uncertain || !isTransient(e) || attempt == BACKOFF_MS.length) {
          throw new IOException(
              "writing "
                  + buffer.size()
                  + " rows to "
                  + rows.table()
                  + " in "
                  + settings.safeUrl()
                  + " failed: "
                  + e.getMessage(),
              e);
        }
        LOG.warn("writing to {} failed, reconnecting: {}", rows.table(), e.getMessage());
        Thread.sleep(BACKOFF_MS[attempt]);
      }
    }
  }

  /** Connection trouble, server shutdown, overload or a lost serialization race: worth a retry. */
  private static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    return state == null
        || state.startsWith("08")
        || state.startsWith("53")
        || state.startsWith("57P")
        || state.startsWith("40");
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing connection to {} failed: {}", settings.safeUrl(), e.getMessage());
      }
      connection = null;
    }
  }
}
