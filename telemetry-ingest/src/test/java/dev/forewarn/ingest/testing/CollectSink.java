package dev.forewarn.ingest.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps what it receives in memory, readable from the test while the job runs (tests
 * run their MiniCluster in the same JVM).
 */
public final class CollectSink<T> implements Sink<T> {

  private static final Map<String, List<Object>> RECEIVED = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  public CollectSink() {
    RECEIVED.put(id, new CopyOnWriteArrayList<>());
  }

  /** Everything received so far, in arrival order. */
  @SuppressWarnings("unchecked")
  public List<T> received() {
    return List.copyOf((List<T>) (List<?>) RECEIVED.get(id));
  }

  public void clear() {
    RECEIVED.get(id).clear();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    List<Object> target = RECEIVED.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        target.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
