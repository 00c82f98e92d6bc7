package dev.forewarn.ingest.influx;

import dev.forewarn.rules.reading.Reading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes readings to InfluxDB as the telemetry history (see {@link InfluxHistoryWriter}): batches
 * go out on a thread of their own, so InfluxDB being slow or away never holds up the job, and a
 * checkpoint carries the batches not yet written as the writer's state (line-protocol text). The
 * points InfluxDB refuses go to {@link RefusedPoints} as dead letters.
 */
public final class InfluxHistorySink
    implements Sink<Reading>, SupportsWriterState<Reading, String> {

  private static final Logger LOG = LoggerFactory.getLogger(InfluxHistorySink.class);

  private final InfluxSettings settings;
  private final RefusedPoints refused;

  /** A sink that only logs the points InfluxDB refuses. */
  public InfluxHistorySink(InfluxSettings settings) {
    this(
        settings,
        letters ->
            letters.forEach(letter -> LOG.error("{}: {}", letter.reason(), letter.payload())));
  }

  /**
   * @param refused where the points InfluxDB refuses go, as dead letters
   */
  public InfluxHistorySink(InfluxSettings settings, RefusedPoints refused) {
    this.settings = settings;
    this.refused = refused;
  }

  @Override
  public StatefulSinkWriter<Reading, String> createWriter(WriterInitContext context) {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<Reading, String> restoreWriter(
      WriterInitContext context, Collection<String> recoveredState) {
    return new InfluxHistoryWriter(
        settings,
        new InfluxClient(settings),
        context.getProcessingTimeService(),
        context.metricGroup(),
        recoveredState,
        refused);
  }

  @Override
  public SimpleVersionedSerializer<String> getWriterStateSerializer() {
    return new LinesSerializer();
  }

  /** Batches in checkpoints: their line-protocol text as UTF-8. */
  private static final class LinesSerializer implements SimpleVersionedSerializer<String> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(String lines) {
      return lines.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("history batch of unknown format version " + version);
      }
      return new String(serialized, StandardCharsets.UTF_8);
    }
  }
}
