package dev.forewarn.ingest.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;

/** Flink's processing-time service for a writer driven by hand: its timers never fire. */
public final class ManualTime implements ProcessingTimeService {

  @Override
  public long getCurrentProcessingTime() {
    return System.currentTimeMillis();
  }

  @Override
  public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback target) {
    return new NeverDue();
  }

  private static final class NeverDue extends CompletableFuture<Object>
      implements ScheduledFuture<Object> {
    @Override
    public long getDelay(TimeUnit unit) {
      return Long.MAX_VALUE;
    }

    @Override
    public int compareTo(Delayed other) {
      return 0;
    }
  }
}
