package dev.forewarn.outreach.notify.sms;

import dev.forewarn.outreach.config.OutreachProperties;
import dev.forewarn.outreach.notify.Channel;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.SandboxChannel;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Twilio when credentials are configured, otherwise the SMS sandbox. With Twilio, a public URL on
 * this machine (the default {@code http://localhost:8080}) is refused at startup: every webhook
 * would fail its signature check and every self-service link would be dead.
 */
@Configuration(proxyBeanMethods = false)
class SmsChannelConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SmsChannelConfiguration.class);

  /** Hosts nobody outside this machine reaches: Twilio's webhooks could never arrive there. */
  private static final Set<String> LOCAL = Set.of("localhost", "[::1]", "::1", "0.0.0.0");

  @Bean
  Channel smsChannel(TwilioProperties properties, OutreachProperties outreach) {
    if (!properties.configured()) {
      log.info("sms channel=sandbox: forewarn.twilio.account-sid is not set, nothing is sent");
      return new SandboxChannel(ChannelKind.SMS);
    }
    String host = outreach.publicUrl().getHost();
    if (host == null
        || LOCAL.contains(host.toLowerCase(java.util.Locale.ROOT))
        || host.startsWith("127.")) {
      throw new IllegalArgumentException(
          "forewarn.outreach.public-url is "
              + outreach.publicUrl()
              + ": with Twilio configured it must be the address Twilio reaches this service at"
              + " (its webhooks are signed for that URL, and self-service links carry it)");
    }
    log.info("sms channel=twilio base_url={}", properties.baseUrl());
    return new TwilioSmsChannel(properties, outreach.base());
  }
}
