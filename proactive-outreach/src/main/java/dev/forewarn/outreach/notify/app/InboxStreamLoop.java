package dev.forewarn.outreach.notify.app;

import dev.forewarn.outreach.config.WakeupLoop;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Feeds the open inbox streams when any instance stores a message ({@code NOTIFY app_inbox}), and
 * at least every heartbeat.
 */
@Configuration(proxyBeanMethods = false)
class InboxStreamLoop {

  @Bean
  WakeupLoop inboxWakeupLoop(
      InboxStreams streams, DataSource dataSource, InboxProperties properties) {
    return new WakeupLoop("app_inbox", dataSource, properties.heartbeat(), streams::deliver);
  }
}
