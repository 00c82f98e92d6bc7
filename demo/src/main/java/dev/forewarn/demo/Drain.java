package dev.forewarn.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.ingest.job.JobReadiness;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;

/** Waits, boundedly, for what was published to work its way through before the demo counts. */
final class Drain {

  private Drain() {}

  /** The job's count of readings, once it has seen as many as expected or time is up. */
  static long readings(JobClient job, long expected, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    long seen = 0;
    while (System.nanoTime() < deadline) {
      seen = JobReadiness.readings(job);
      if (seen >= expected) {
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
}
