package dev.forewarn.ingest.influx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The batches of history waiting for InfluxDB, bounded by their number of points. The task thread
 * adds batches; the writing thread takes the oldest, writes it and only then removes it, so a batch
 * in flight is still part of a snapshot. When a new batch would pass the bound, the oldest batches
 * not in flight make room and are counted as dropped: while InfluxDB is away, the newest history is
 * kept and memory stays bounded. Thread-safe.
 */
final class HistoryBuffer {

  /** One write: line-protocol lines and how many points they hold. */
  record Batch(String lines, int points) {}

  private final long capacity;
  private final Deque<Batch> batches = new ArrayDeque<>();
  private long points;
  private Batch inFlight;

  /**
   * @param capacity the most points held at once; a single larger batch is still taken alone
   */
  HistoryBuffer(long capacity) {
    this.capacity = capacity;
  }

  /**
   * Adds a batch, dropping the oldest waiting batches when the bound is reached.
   *
   * @return the number of points dropped to make room
   */
  synchronized long add(Batch batch) {
    long dropped = 0;
    while (points + batch.points() > capacity && hasWaiting()) {
      Batch oldest = inFlight == batches.peekFirst() ? secondOldest() : batches.pollFirst();
      points -= oldest.points();
      dropped += oldest.points();
    }
    batches.addLast(batch);
    points += batch.points();
    notifyAll();
    return dropped;
  }

  /** Waits for the oldest batch and marks it in flight. */
  synchronized Batch take() throws InterruptedException {
    while (batches.isEmpty()) {
      wait();
    }
    inFlight = batches.peekFirst();
    return inFlight;
  }

  /** The batch in flight is written (or refused for good): it leaves the buffer. */
  synchronized void done(Batch batch) {
    if (inFlight == batch) {
      inFlight = null;
      if (batches.peekFirst() == batch) {
        batches.pollFirst();
        points -= batch.points();
      }
      notifyAll();
    }
  }

  /** Every batch not yet written, the one in flight included, oldest first. */
  synchronized List<Batch> snapshot() {
    return new ArrayList<>(batches);
  }

  synchronized long points() {
    return points;
  }

  /** Waits until every batch is written, or the timeout passes; returns whether it is empty. */
  synchronized boolean awaitEmpty(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (!batches.isEmpty()) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  private boolean hasWaiting() {
    return batches.size() > (inFlight == null ? 0 : 1);
  }

  private Batch secondOldest() {
    Batch first = batches.pollFirst();
    Batch second = batches.pollFirst();
    batches.addFirst(first);
    return second;
  }
}
