package dev.forewarn.outreach.notify.app;

import dev.forewarn.outreach.customers.ContactPoint;
import dev.forewarn.outreach.customers.ContactPointRepository;
import dev.forewarn.outreach.notify.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * FCM push when its credentials are configured, otherwise the in-app inbox, which needs none and so
 * takes the sandbox's place for app messages: nothing leaves the service, and what was sent stays
 * visible to the customer's app and page.
 */
@Configuration(proxyBeanMethods = false)
class AppChannelConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AppChannelConfiguration.class);

  @Bean
  Channel appChannel(
      FcmProperties fcm, InboxRepository inbox, ContactPointRepository contactPoints) {
    if (fcm.configured()) {
      log.info("app channel=fcm base_url={} project_id={}", fcm.baseUrl(), fcm.projectId());
      return new FcmChannel(
          fcm,
          installation -> contactPoints.appInstallation(installation).map(ContactPoint::fcmToken));
    }
    log.info("app channel=inbox: forewarn.fcm.project-id is not set, app messages go to the inbox");
    return new InboxChannel(inbox);
  }
}
