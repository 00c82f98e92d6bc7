package dev.forewarn.ingest.cases;

import dev.forewarn.rules.CaseEvent;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes case events to PostgreSQL idempotently (see {@link CaseEventRows}) within {@code maxDelay}
 * of their arrival, and announces them with {@code NOTIFY case_events}.
 */
public final class CaseEventSink implements Sink<CaseEvent> {

  private static final int MAX_BATCH = 500;

  private final JdbcSettings settings;
  private final Duration maxDelay;

  public CaseEventSink(JdbcSettings settings, Duration maxDelay) {
    this.settings = settings;
    this.maxDelay = maxDelay;
  }

  @Override
  public SinkWriter<CaseEvent> createWriter(WriterInitContext context) throws IOException {
    return new BatchingJdbcWriter<>(
        settings,
        new CaseEventRows(),
        MAX_BATCH,
        maxDelay,
        context.getProcessingTimeService(),
        context.metricGroup().counter("case_events_written"));
  }
}
