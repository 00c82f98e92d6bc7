package dev.forewarn.outreach.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due messages on several threads. Each message costs two durable commits and a provider
 * call; one after the other they cap an instance at what one thread can do, while side by side
 * PostgreSQL flushes the commits of all workers together and provider calls overlap. The claim
 * keeps each message in one worker's hands.
 *
 * <p>A wake-up starts one worker; every worker that finds a message calls in one more idle worker,
 * so a backlog soon has them all at work while a trickle costs at most one empty look per message.
 * A round ends when every worker has found nothing more to do; a worker stuck in a slow provider
 * call does not hold up the others, which the next wake-up calls in again.
 */
final class DispatchWorkers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DispatchWorkers.class);

  /** How long one run waits for the round to end before it lets notifications in again. */
  private static final Duration ROUND_CHECK = Duration.ofMillis(200);

  private final OutboxDispatcher dispatcher;
  private final OutboxRepository outbox;
  private final int size;
  private final List<Thread> threads = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition called = lock.newCondition();
  private final Condition allIdle = lock.newCondition();
  private int idle;
  private int calls;
  private volatile boolean running = true;

  DispatchWorkers(OutboxDispatcher dispatcher, OutboxRepository outbox, int size) {
    this.dispatcher = dispatcher;
    this.outbox = outbox;
    this.size = size;
    this.idle = size;
    for (int i = 1; i <= size; i++) {
      Thread thread = new Thread(this::work, "outbox-worker-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
  }

  /**
   * Calls in a worker and waits a moment for the round to end. Once every worker is idle it says
   * how soon the next retry or lease end falls due; while some are still busy (a backlog, or a slow
   * provider call) it asks to be run again at once, so that new messages never wait for the slowest
   * call in hand.
   */
  Optional<Duration> sendDueAndPlan() {
    boolean settled;
    lock.lock();
    try {
      callOne();
      settled = awaitAllIdle(ROUND_CHECK.toNanos());
    } finally {
      lock.unlock();
    }
    return settled ? outbox.untilNextDue() : Optional.of(Duration.ZERO);
  }

  /** Holds the lock; true when every worker is idle and none is called. */
  private boolean awaitAllIdle(long nanos) {
    try {
      while (running && (idle < size || calls > 0)) {
        if (nanos <= 0) {
          return false;
        }
        nanos = allIdle.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return true;
  }

  private void work() {
    while (running) {
      if (!awaitCall()) {
        return;
      }
      try {
        while (running && dispatcher.sendOne()) {
          lock.lock();
          try {
            callOne();
          } finally {
            lock.unlock();
          }
        }
      } catch (RuntimeException e) {
        // The message in hand, if any, is claimed again when its lease runs out.
        log.warn("outbox worker failed: {}", e.toString(), e);
      } finally {
        lock.lock();
        try {
          idle++;
          if (idle == size && calls == 0) {
            allIdle.signalAll();
          }
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /** Waits to be called; false when stopping. */
  private boolean awaitCall() {
    lock.lock();
    try {
      while (running && calls == 0) {
        called.await();
      }
      if (!running) {
        return false;
      }
      calls--;
      idle--;
      return true;
    } catch (InterruptedException e) {
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Calls in one more idle worker, if one is left that is not already called. Holds the lock. */
  private void callOne() {
    if (idle > calls) {
      calls++;
      called.signal();
    }
  }

  /** Lets each worker finish the message in hand, so that no provider call is cut off. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    lock.lock();
    try {
      called.signalAll();
      allIdle.signalAll();
    } finally {
      lock.unlock();
    }
    for (Thread thread : threads) {
      thread.join(Duration.ofSeconds(10).toMillis());
      thread.interrupt();
    }
  }
}
