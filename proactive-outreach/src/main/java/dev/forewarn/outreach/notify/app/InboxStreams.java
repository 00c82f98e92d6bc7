package dev.forewarn.outreach.notify.app;

import dev.forewarn.outreach.config.WakeupLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent Event streams of customers' inboxes on this instance. Each stream keeps the
 * id of the last message it sent and catches up from the table, on connect (from {@code
 * Last-Event-ID}) and whenever any instance stores a message for its customer ({@code NOTIFY
 * app_inbox} carries the customer id), so a message stored on another instance or during a
 * reconnect still arrives, once and in order. Only the streams of the customer concerned are woken,
 * and a heartbeat costs no query.
 *
 * <p>Writing to a client blocks while its connection is full, so every stream is written on a
 * sender thread of its own, never on the thread that wakes them: a client that stops reading holds
 * up only its own stream. A customer has at most {@code max-streams-per-customer} streams; one more
 * ends the oldest.
 *
 * <p>On shutdown it ends every stream before the web server waits for open requests, so clients
 * reconnect (to another instance, with {@code Last-Event-ID}) at once instead of holding the
 * shutdown for its whole grace period.
 */
@Component
class InboxStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InboxStreams.class);
  private static final int PAGE = 500;

  private final InboxRepository inbox;
  private final InboxProperties properties;
  private final Map<Long, List<Stream>> byCustomer = new ConcurrentHashMap<>();
  private final ExecutorService senders =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "inbox-stream-sender");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean running;

  InboxStreams(InboxRepository inbox, InboxProperties properties) {
    this.inbox = inbox;
    this.properties = properties;
  }

  /**
   * Opens a stream of the customer's messages after {@code lastEventId}; without one, of the
   * messages stored from now on.
   */
  SseEmitter open(long customerId, OptionalLong lastEventId) {
    long cursor = lastEventId.orElseGet(() -> inbox.latestId(customerId));
    Stream stream =
        new Stream(customerId, cursor, new SseEmitter(properties.streamTimeout().toMillis()));
    stream.emitter.onCompletion(() -> remove(stream));
    stream.emitter.onTimeout(() -> remove(stream));
    stream.emitter.onError(e -> remove(stream));
    List<Stream> displaced = new ArrayList<>();
    byCustomer.compute(
        customerId,
        (id, mine) -> {
          List<Stream> streams = mine == null ? new CopyOnWriteArrayList<>() : mine;
          streams.add(stream);
          while (streams.size() > properties.maxStreamsPerCustomer()) {
            displaced.add(streams.remove(0));
          }
          return streams;
        });
    for (Stream oldest : displaced) {
      log.info("inbox stream closed customer_id={}: too many open streams", customerId);
      oldest.emitter.complete();
    }
    log.info("inbox stream opened customer_id={} after_id={}", customerId, cursor);
    stream.wake(true);
    return stream.emitter;
  }

  /**
   * Wakes the streams of the customers a notification named (all of them when some may have been
   * missed, or a notification named none) to send what they have not sent; idle streams get a
   * heartbeat.
   */
  Optional<Duration> deliver(WakeupLoop.Wakeup wakeup) {
    boolean everyone = wakeup.missedSome();
    for (String payload : wakeup.payloads()) {
      try {
        byCustomer.getOrDefault(Long.parseLong(payload), List.of()).forEach(s -> s.wake(true));
      } catch (NumberFormatException unnamed) {
        everyone = true;
      }
    }
    for (List<Stream> streams : byCustomer.values()) {
      for (Stream stream : streams) {
        stream.wake(everyone);
      }
    }
    return Optional.empty();
  }

  int openStreams() {
    return byCustomer.values().stream().mapToInt(List::size).sum();
  }

  private void remove(Stream stream) {
    byCustomer.computeIfPresent(
        stream.customerId,
        (id, streams) -> {
          streams.remove(stream);
          return streams.isEmpty() ? null : streams;
        });
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    for (List<Stream> streams : byCustomer.values()) {
      for (Stream stream : streams) {
        remove(stream);
        stream.emitter.complete();
      }
    }
    senders.shutdown();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before the web server's graceful shutdown (phase {@code DEFAULT_PHASE - 1024}). */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }

  private final class Stream {

    private final long customerId;
    private final SseEmitter emitter;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean news;
    private volatile boolean opening = true;
    private long cursor;
    private volatile long lastSentNanos = System.nanoTime();

    Stream(long customerId, long cursor, SseEmitter emitter) {
      this.customerId = customerId;
      this.cursor = cursor;
      this.emitter = emitter;
    }

    /**
     * Has the stream's sender catch up ({@code news}) or, when it has been idle for a heartbeat,
     * send a keep-alive; at most one run is queued per stream.
     */
    void wake(boolean news) {
      if (news) {
        this.news = true;
      } else if (System.nanoTime() - lastSentNanos < properties.heartbeat().toNanos()) {
        return;
      }
      if (scheduled.compareAndSet(false, true)) {
        try {
          senders.execute(this::send);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
          scheduled.set(false);
        }
      }
    }

    /** Runs on a sender thread; one at a time per stream. */
    private void send() {
      scheduled.set(false);
      try {
        synchronized (this) {
          if (news) {
            news = false;
            catchUp();
          }
          if (opening || System.nanoTime() - lastSentNanos >= properties.heartbeat().toNanos()) {
            opening = false;
            emitter.send(SseEmitter.event().comment("keep-alive"));
            lastSentNanos = System.nanoTime();
          }
        }
      } catch (IOException | IllegalStateException e) {
        // The client went away or the stream already ended; it will resume from Last-Event-ID.
        remove(this);
        emitter.completeWithError(e);
      }
    }

    private void catchUp() throws IOException {
      List<InboxMessage> page;
      do {
        page = inbox.after(customerId, cursor, PAGE);
        for (InboxMessage message : page) {
          emitter.send(
              SseEmitter.event()
                  .id(Long.toString(message.id()))
                  .name("message")
                  .data(message, MediaType.APPLICATION_JSON));
          cursor = message.id();
          lastSentNanos = System.nanoTime();
        }
      } while (page.size() == PAGE);
    }
  }
}
