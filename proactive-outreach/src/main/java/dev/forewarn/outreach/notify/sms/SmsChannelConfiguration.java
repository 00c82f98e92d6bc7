package dev.forewarn.outreach.notify.sms;

import dev.forewarn.outreach.config.OutreachProperties;
import dev.forewarn.outreach.notify.Channel;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.SandboxChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Twilio when credentials are configured, otherwise the SMS sandbox. */
@Configuration(proxyBeanMethods = false)
class SmsChannelConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SmsChannelConfiguration.class);

  @Bean
  Channel smsChannel(TwilioProperties properties, OutreachProperties outreach) {
    if (!properties.configured()) {
      log.info("sms channel=sandbox: forewarn.twilio.account-sid is not set, nothing is sent");
      return new SandboxChannel(ChannelKind.SMS);
    }
    log.info("sms channel=twilio base_url={}", properties.baseUrl());
    return new TwilioSmsChannel(properties, outreach.base());
  }
}
