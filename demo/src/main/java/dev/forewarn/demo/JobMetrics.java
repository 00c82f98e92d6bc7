package dev.forewarn.demo;

import dev.forewarn.ingest.parse.ParseReadings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;

/**
 * The embedded job's counts in the service's Micrometer registry, so that one scrape of {@code
 * /actuator/prometheus} shows readings and refused messages next to cases and notifications: the
 * job's accumulators ({@code readings}, {@code dead_letters}) read every few seconds. A job on a
 * cluster reports its own metrics through Flink's Prometheus reporter instead.
 */
final class JobMetrics implements AutoCloseable {

  private final JobClient job;
  private final AtomicLong readings = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "job-metrics");
            thread.setDaemon(true);
            return thread;
          });

  JobMetrics(JobClient job, MeterRegistry registry) {
    this.job = job;
    FunctionCounter.builder("forewarn.readings", readings, AtomicLong::get)
        .description("readings the telemetry job accepted")
        .register(registry);
    FunctionCounter.builder("forewarn.job.dead.letters", deadLetters, AtomicLong::get)
        .description("telemetry messages the telemetry job refused")
        .register(registry);
    timer.scheduleWithFixedDelay(this::refresh, 0, 5, TimeUnit.SECONDS);
  }

  private void refresh() {
    try {
      Map<String, Object> counts = job.getAccumulators().get(5, TimeUnit.SECONDS);
      readings.set(count(counts.get(ParseReadings.READINGS)));
      deadLetters.set(count(counts.get(ParseReadings.DEAD_LETTER_COUNT)));
    } catch (Exception e) {
      // A job that is stopping has no counts to give; the last ones stand.
    }
  }

  private static long count(Object value) {
    return value instanceof Number number ? number.longValue() : 0;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
