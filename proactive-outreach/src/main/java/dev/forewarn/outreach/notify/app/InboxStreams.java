package dev.forewarn.outreach.notify.app;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent Event streams of customers' inboxes on this instance. Each stream keeps the
 * id of the last message it sent and catches up from the table, on connect (from {@code
 * Last-Event-ID}) and whenever any instance stores a message, so a message stored on another
 * instance or during a reconnect still arrives, once and in order.
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
  private final List<Stream> streams = new CopyOnWriteArrayList<>();
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
    stream.emitter.onCompletion(() -> streams.remove(stream));
    stream.emitter.onTimeout(() -> streams.remove(stream));
    stream.emitter.onError(e -> streams.remove(stream));
    streams.add(stream);
    log.info("inbox stream opened customer_id={} after_id={}", customerId, cursor);
    stream.catchUp(true);
    return stream.emitter;
  }

  /** Sends every stream what it has not seen yet; idle ones get a heartbeat. */
  Optional<Duration> deliver() {
    for (Stream stream : streams) {
      stream.catchUp(false);
    }
    return Optional.empty();
  }

  int openStreams() {
    return streams.size();
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    for (Stream stream : streams) {
      streams.remove(stream);
      stream.emitter.complete();
    }
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
    private long cursor;
    private long lastSentNanos = System.nanoTime();

    Stream(long customerId, long cursor, SseEmitter emitter) {
      this.customerId = customerId;
      this.cursor = cursor;
      this.emitter = emitter;
    }

    /** Synchronized: the request thread and the wake-up loop must not interleave sends. */
    synchronized void catchUp(boolean opening) {
      try {
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
        if (opening || System.nanoTime() - lastSentNanos >= properties.heartbeat().toNanos()) {
          emitter.send(SseEmitter.event().comment("keep-alive"));
          lastSentNanos = System.nanoTime();
        }
      } catch (IOException | IllegalStateException e) {
        // The client went away or the stream already ended; it will resume from Last-Event-ID.
        streams.remove(this);
        emitter.completeWithError(e);
      }
    }
  }
}
