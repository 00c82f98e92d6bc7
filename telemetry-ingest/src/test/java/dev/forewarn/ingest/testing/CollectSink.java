package dev.forewarn.ingest.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps what it receives in memory, readable from the test while the job runs (tests
 * run their MiniCluster in the same JVM).
 */
public final class CollectSink<T> implements Sink<T> {

  private static final Map<String, List<Object>> RECEIVED = new ConcurrentHashMap<>();
  private static final Map<String, Map<Integer, AtomicInteger>> BY_SUBTASK =
      new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  public CollectSink() {
    RECEIVED.put(id, new CopyOnWriteArrayList<>());
    BY_SUBTASK.put(id, new ConcurrentHashMap<>());
  }

  /** How many elements each parallel writer received. */
  public Map<Integer, Integer> countsBySubtask() {
    Map<Integer, Integer> counts = new TreeMap<>();
    BY_SUBTASK.get(id).forEach((subtask, count) -> counts.put(subtask, count.get()));
    return counts;
  }

  /** Everything received so far, in arrival order. */
  @SuppressWarnings("unchecked")
  public List<T> received() {
    return List.copyOf((List<T>) (List<?>) RECEIVED.get(id));
  }

  public void clear() {
    RECEIVED.get(id).clear();
    BY_SUBTASK.get(id).values().forEach(count -> count.set(0));
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    List<Object> target = RECEIVED.get(id);
    AtomicInteger count =
        BY_SUBTASK
            .get(id)
            .computeIfAbsent(
                context.getTaskInfo().getIndexOfThisSubtask(), subtask -> new AtomicInteger());
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        target.add(element);
        count.incrementAndGet();
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
