package dev.forewarn.ingest.detection;

import java.time.Instant;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * One event-time timer per device at the earliest moment something is due: a held reading the
 * watermark will release, or a rule's deadline. A later request while an earlier timer is pending
 * registers nothing, since the earlier timer, when it fires, asks again for what is due next; so a
 * device that publishes every second under a silence rule keeps one or two timers, not one per
 * reading.
 */
final class Wakeups {

  /** Keyed state: the time of the earliest timer registered and not yet fired. */
  static final ValueStateDescriptor<Long> NEXT =
      new ValueStateDescriptor<>("next-wakeup", Types.LONG);

  private final ValueState<Long> next;

  Wakeups(ValueState<Long> next) {
    this.next = next;
  }

  /** Makes sure a timer fires at or before {@code at} (epoch milliseconds). */
  void request(long at, TimerService timers) throws Exception {
    Long pending = next.value();
    if (pending == null || at < pending) {
      timers.registerEventTimeTimer(at);
      next.update(at);
    }
  }

  /** Makes sure a timer fires at or after the instant, never before it. */
  void request(Instant at, TimerService timers) throws Exception {
    long millis = at.toEpochMilli();
    request(at.getNano() % 1_000_000 == 0 ? millis : millis + 1, timers);
  }

  /** A timer fired at {@code timestamp}: what it stood for is being handled now. */
  void fired(long timestamp) throws Exception {
    Long pending = next.value();
    if (pending != null && pending <= timestamp) {
      next.clear();
    }
  }

  void clear() {
    next.clear();
  }
}
