package dev.forewarn.demo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP ask the demo to stop. Left to the JVM, such a signal runs
 * every shutdown hook at once, in no order: the embedded PostgreSQL stopped while the job and the
 * service still wrote to it, and the summary was never printed. Handled here, a signal only sets a
 * flag; the demo then stops in the reverse order of start-up. A second signal exits at once, and
 * the next run removes what this one leaves.
 */
final class StopSignals {

  private static final List<String> HANDLED = List.of("INT", "TERM", "HUP");

  private final CountDownLatch requested = new CountDownLatch(1);
  private final AtomicInteger received = new AtomicInteger();

  private StopSignals() {}

  /** Handles the signals from now on (except one the JVM was started ignoring, as under nohup). */
  static StopSignals install() {
    StopSignals signals = new StopSignals();
    for (String name : HANDLED) {
      try {
        Signal.handle(new Signal(name), signals::received);
      } catch (IllegalArgumentException e) {
        // Not a signal on this platform, or one the JVM keeps for itself.
      }
    }
    return signals;
  }

  private void received(Signal signal) {
    if (received.getAndIncrement() == 0) {
      Demo.say("SIG" + signal.getName() + ": stopping (a second signal exits at once)");
      requested.countDown();
    } else {
      Demo.say(
          "SIG" + signal.getName() + ": exiting at once; the next run removes what this one made");
      System.exit(128 + signal.getNumber());
    }
  }

  boolean requested() {
    return requested.getCount() == 0;
  }

  /** Waits until a signal arrives or {@code patience} has passed; zero waits for a signal. */
  void await(Duration patience) throws InterruptedException {
    if (patience.isZero()) {
      requested.await();
    } else {
      requested.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
