package dev.forewarn.outreach.outbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps the lease of every message whose provider call is in flight on this instance, renewing it
 * every third of the lease. A provider call may take longer than the lease (timeouts, a slow
 * provider, a lookup before the send); without renewal another instance would take the message over
 * mid-call and send it a second time. A dispatcher that dies stops renewing, so its messages are
 * still taken over one lease after its last renewal.
 */
@Component
class LeaseKeeper implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private final OutboxRepository outbox;
  private final OutboxProperties properties;
  private final Map<Long, ClaimedMessage> inFlight = new ConcurrentHashMap<>();
  private final ScheduledExecutorService renewer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "outbox-lease-keeper");
            thread.setDaemon(true);
            return thread;
          });

  LeaseKeeper(OutboxRepository outbox, OutboxProperties properties) {
    this.outbox = outbox;
    this.properties = properties;
    long every = Math.max(1, properties.lease().toMillis() / 3);
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  /** Renews the message's lease until the returned handle is closed. */
  Held hold(ClaimedMessage message) {
    inFlight.put(message.id(), message);
    return () -> inFlight.remove(message.id(), message);
  }

  private void renew() {
    try {
      outbox.renewLeases(inFlight.values(), properties.lease());
    } catch (RuntimeException e) {
      log.warn("lease renewal failed in_flight={}: {}", inFlight.size(), e.toString());
    }
  }

  @Override
  public void destroy() {
    renewer.shutdownNow();
  }

  /** A message whose lease is being kept; closing it stops the renewal. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
