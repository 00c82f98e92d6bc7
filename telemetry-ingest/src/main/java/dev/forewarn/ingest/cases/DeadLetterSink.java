package dev.forewarn.ingest.cases;

import dev.forewarn.ingest.parse.DeadLetter;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Writes dead letters to PostgreSQL's {@code dead_letters} table in batches. */
public final class DeadLetterSink implements Sink<DeadLetter> {

  private static final int MAX_BATCH = 500;

  private final JdbcSettings settings;
  private final Duration maxDelay;

  public DeadLetterSink(JdbcSettings settings, Duration maxDelay) {
    this.settings = settings;
    this.maxDelay = maxDelay;
  }

  @Override
  public SinkWriter<DeadLetter> createWriter(WriterInitContext context) throws IOException {
    return new BatchingJdbcWriter<>(
        settings,
        new DeadLetterRows(),
        MAX_BATCH,
        maxDelay,
        context.getProcessingTimeService(),
        context.metricGroup().counter("dead_letters_written"));
  }
}
