package dev.forewarn.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Notices when the first case appears, as the console would: asks the service's stats four times a
 * second until a case has been opened, then says how long after the fleet started that was.
 */
final class FirstCase implements AutoCloseable {

  private final OutreachApi api;
  private final long fleetStarted;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "demo-first-case");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Duration after;

  private FirstCase(OutreachApi api, long fleetStarted) {
    this.api = api;
    this.fleetStarted = fleetStarted;
  }

  /** Starts watching; {@code fleetStarted} is the {@link System#nanoTime} the fleet started at. */
  static FirstCase watch(OutreachApi api, long fleetStarted) {
    FirstCase watch = new FirstCase(api, fleetStarted);
    watch.poller.scheduleWithFixedDelay(watch::look, 0, 250, TimeUnit.MILLISECONDS);
    return watch;
  }

  /** How long after the fleet started the first case was seen, once it was. */
  Optional<Duration> after() {
    return Optional.ofNullable(after);
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
  }

  private void look() {
    if (after != null) {
      return;
    }
    try {
      if (api.stats().path("cases_opened").asLong() > 0) {
        after = Duration.ofNanos(System.nanoTime() - fleetStarted);
        Demo.say("first case opened " + seconds(after) + " s after the fleet started");
        poller.shutdown();
      }
    } catch (IOException e) {
      // The service is busy or stopping; the next look tells.
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
