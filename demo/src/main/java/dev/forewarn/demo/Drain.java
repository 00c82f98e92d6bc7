package dev.forewarn.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;

/** Waits, boundedly, for what was published to work its way through before the demo counts. */
final class Drain {

  private Drain() {}

  /** The job's count of readings, once it has seen all that were published or time is up. */
  static long readings(JobClient job, long published, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    long seen = 0;
    while (System.nanoTime() < deadline) {
      seen = count(job.getAccumulators().get(10, TimeUnit.SECONDS), "readings");
      if (seen >= published) {
        break;
      }
      Thread.sleep(500);
    }
    return seen;
  }

  /** The service's stats once no case event or notification is waiting, or time is up. */
  static JsonNode outreach(OutreachApi api, Duration patience)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    JsonNode stats = api.stats();
    while (System.nanoTime() < deadline
        && (stats.path("case_events_waiting").asLong() > 0
            || stats.path("notifications_pending").asLong() > 0)) {
      Thread.sleep(250);
      stats = api.stats();
    }
    return stats;
  }

  private static long count(Map<String, Object> accumulators, String name) {
    Object value = accumulators.get(name);
    return value instanceof Number number ? number.longValue() : 0;
  }
}
