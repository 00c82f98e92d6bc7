package dev.forewarn.outreach.outbox;

import dev.forewarn.outreach.config.WakeupLoop;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher when intake signals new messages ({@code NOTIFY outbox}), when a retry falls
 * due, and at least every poll interval.
 */
@Component
class OutboxDispatchLoop implements SmartLifecycle {

  private final WakeupLoop loop;

  OutboxDispatchLoop(
      OutboxDispatcher dispatcher, DataSource dataSource, OutboxProperties properties) {
    this.loop =
        new WakeupLoop("outbox", dataSource, properties.pollInterval(), dispatcher::sendDueAndPlan);
  }

  @Override
  public void start() {
    loop.start();
  }

  @Override
  public void stop() {
    loop.stop();
  }

  @Override
  public boolean isRunning() {
    return loop.isRunning();
  }
}
