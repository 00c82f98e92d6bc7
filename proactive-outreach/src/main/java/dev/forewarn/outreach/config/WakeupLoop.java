package dev.forewarn.outreach.config;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one piece of work on its own thread whenever PostgreSQL sends a notification on a channel
 * (LISTEN), and at least once per poll interval, so that a lost notification or a broken listening
 * connection only delays work instead of stopping it. The work may say how soon it wants to run
 * again (a retry falling due), which shortens the wait. As a Spring bean it starts and stops with
 * the application context.
 */
public final class WakeupLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WakeupLoop.class);

  /** Waits are cut into slices this long so that stopping never waits for a whole poll interval. */
  private static final long SLICE_MILLIS = 200;

  private final String channel;
  private final DataSource dataSource;
  private final Duration pollInterval;
  private final Function<Wakeup, Optional<Duration>> work;
  private final Set<String> payloads = new HashSet<>();
  private boolean missedSome = true;
  private volatile boolean running;
  private Thread thread;
  private Connection listening;

  /**
   * @param channel the PostgreSQL notification channel to LISTEN on
   * @param dataSource where the listening connection comes from (a connection of its own beside a
   *     Hikari pool); it is held for the loop's life
   * @param pollInterval the longest wait between two runs of the work
   * @param work the work; returns how soon it wants to run again, or empty for "when woken"
   */
  public WakeupLoop(
      String channel,
      DataSource dataSource,
      Duration pollInterval,
      Supplier<Optional<Duration>> work) {
    this(channel, dataSource, pollInterval, (Function<Wakeup, Optional<Duration>>) w -> work.get());
  }

  /**
   * A loop whose work is told what woke it: the payloads of the notifications that arrived, or that
   * some may have been missed (the first run, and after the listening connection was re-opened).
   */
  public WakeupLoop(
      String channel,
      DataSource dataSource,
      Duration pollInterval,
      Function<Wakeup, Optional<Duration>> work) {
    this.channel = channel;
    this.dataSource = dataSource;
    this.pollInterval = pollInterval;
    this.work = work;
  }

  /**
   * Why the work runs.
   *
   * @param missedSome notifications may have been missed: do everything
   * @param payloads the payloads of the notifications received since the last run; empty when the
   *     poll interval ran out
   */
  public record Wakeup(boolean missedSome, Set<String> payloads) {}

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "wakeup-" + channel);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    log.info("listening channel={} poll_interval={}", channel, pollInterval);
    while (running) {
      awaitWakeup(runWork());
    }
    closeListening();
  }

  private Duration runWork() {
    Wakeup wakeup = new Wakeup(missedSome, Set.copyOf(payloads));
    missedSome = false;
    payloads.clear();
    try {
      return work.apply(wakeup)
          .filter(soon -> soon.compareTo(pollInterval) < 0)
          .orElse(pollInterval);
    } catch (RuntimeException e) {
      log.warn("work failed channel={} retry_in={}", channel, pollInterval, e);
      return pollInterval;
    }
  }

  private void awaitWakeup(Duration longest) {
    long deadline = System.nanoTime() + longest.toNanos();
    while (running) {
      long leftMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
      if (leftMillis <= 0 || waitForNotification(Math.min(leftMillis, SLICE_MILLIS))) {
        return;
      }
    }
  }

  /** True when a notification arrived or the connection was just re-established. */
  private boolean waitForNotification(long millis) {
    try {
      boolean fresh = listening == null;
      if (fresh) {
        listening = openListening();
      }
      PGNotification[] notes =
          listening.unwrap(PGConnection.class).getNotifications((int) Math.max(1, millis));
      if (notes != null) {
        for (PGNotification note : notes) {
          payloads.add(note.getParameter());
        }
      }
      // Anything sent while no connection listened is missed: run the work once after reconnecting.
      missedSome |= fresh;
      return fresh || (notes != null && notes.length > 0);
    } catch (SQLException e) {
      if (listening != null) {
        log.warn("listening connection lost channel={}: {}; polling until it is back", channel, e);
      }
      closeListening();
      sleep(millis);
      return false;
    }
  }

  /**
   * A connection of its own, outside the pool: a listening connection is held for the loop's whole
   * life, and four loops would otherwise keep four of the pool's connections from the work.
   */
  private Connection openListening() throws SQLException {
    Connection connection =
        dataSource instanceof HikariDataSource hikari
            ? DriverManager.getConnection(
                hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword())
            : dataSource.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("LISTEN " + channel);
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  private void closeListening() {
    if (listening != null) {
      try {
        listening.close();
      } catch (SQLException e) {
        log.debug("closing listening connection channel={}", channel, e);
      }
      listening = null;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
