package dev.forewarn.ingest.influx;

import dev.forewarn.rules.reading.Reading;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes readings to InfluxDB as the telemetry history, in batches by size and time and on every
 * checkpoint, so a checkpoint never completes over points still waiting in memory.
 */
public final class InfluxHistorySink implements Sink<Reading> {

  private final InfluxSettings settings;

  public InfluxHistorySink(InfluxSettings settings) {
    this.settings = settings;
  }

  @Override
  public SinkWriter<Reading> createWriter(WriterInitContext context) {
    return new InfluxHistoryWriter(
        settings,
        new InfluxClient(settings),
        context.getProcessingTimeService(),
        context.metricGroup());
  }
}
