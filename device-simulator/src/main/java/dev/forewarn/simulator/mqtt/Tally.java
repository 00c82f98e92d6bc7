package dev.forewarn.simulator.mqtt;

import java.util.concurrent.atomic.AtomicLong;

/** Counts of messages the broker acknowledged and of those that failed, updated from callbacks. */
public final class Tally {

  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public long acknowledged() {
    return acknowledged.get();
  }

  public long failed() {
    return failed.get();
  }

  void acknowledge() {
    acknowledged.incrementAndGet();
  }

  long fail() {
    return failed.incrementAndGet();
  }
}
