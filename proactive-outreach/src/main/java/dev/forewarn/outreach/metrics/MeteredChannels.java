package dev.forewarn.outreach.metrics;

import dev.forewarn.outreach.notify.Channel;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts every channel bean behind a {@link MeteredChannel}, so the outbox needs no metrics code. */
@Configuration(proxyBeanMethods = false)
class MeteredChannels {

  @Bean
  static BeanPostProcessor meteredChannelsPostProcessor(
      ObjectProvider<OutreachMetrics> metrics, ObjectProvider<Clock> clock) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof Channel channel && !(bean instanceof MeteredChannel)
            ? new MeteredChannel(channel, metrics.getObject(), clock.getObject())
            : bean;
      }
    };
  }
}
