package dev.forewarn.outreach.outbox;

import dev.forewarn.outreach.config.WakeupLoop;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the dispatcher's workers when intake signals new messages ({@code NOTIFY outbox}), when a
 * retry falls due, and at least every poll interval.
 */
@Configuration(proxyBeanMethods = false)
class OutboxDispatchLoop {

  @Bean
  DispatchWorkers outboxWorkers(
      OutboxDispatcher dispatcher, OutboxRepository outbox, OutboxProperties properties) {
    return new DispatchWorkers(dispatcher, outbox, properties.workers());
  }

  @Bean
  WakeupLoop outboxWakeupLoop(
      DispatchWorkers workers, DataSource dataSource, OutboxProperties properties) {
    return new WakeupLoop("outbox", dataSource, properties.pollInterval(), workers::sendDueAndPlan);
  }
}
