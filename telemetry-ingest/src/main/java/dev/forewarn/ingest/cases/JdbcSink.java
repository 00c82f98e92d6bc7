package dev.forewarn.ingest.cases;

import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.rules.lifecycle.CaseEvent;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes rows to one of the job's PostgreSQL tables in batches of at most 500, within {@code
 * maxDelay} of their arrival (see {@link BatchingJdbcWriter}).
 */
public final class JdbcSink<T> implements Sink<T> {

  private static final int MAX_BATCH = 500;

  private final JdbcSettings settings;
  private final RowWriter<T> rows;
  private final Duration maxDelay;
  private final String writtenMetric;

  private JdbcSink(
      JdbcSettings settings, RowWriter<T> rows, Duration maxDelay, String writtenMetric) {
    this.settings = settings;
    this.rows = rows;
    this.maxDelay = maxDelay;
    this.writtenMetric = writtenMetric;
  }

  /**
   * Case events, written idempotently (see {@link CaseEventRows}) and announced with {@code NOTIFY
   * case_events}.
   */
  public static JdbcSink<CaseEvent> caseEvents(JdbcSettings settings, Duration maxDelay) {
    return new JdbcSink<>(settings, new CaseEventRows(), maxDelay, "case_events_written");
  }

  /** Refused telemetry messages, to the {@code dead_letters} table. */
  public static JdbcSink<DeadLetter> deadLetters(JdbcSettings settings, Duration maxDelay) {
    return new JdbcSink<>(settings, new DeadLetterRows(), maxDelay, "dead_letters_written");
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    return new BatchingJdbcWriter<>(
        settings,
        rows,
        MAX_BATCH,
        maxDelay,
        context.getProcessingTimeService(),
        context.metricGroup().counter(writtenMetric));
  }
}
