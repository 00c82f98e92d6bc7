package dev.forewarn.outreach.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.outreach.config.OutreachProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Start-up checks of the SMS channel's configuration. */
class SmsChannelConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({TwilioProperties.class, OutreachProperties.class})
  static class Properties {}

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withUserConfiguration(Properties.class, SmsChannelConfiguration.class)
          .withPropertyValues(
              "forewarn.twilio.account-sid=AC0123456789abcdef0123456789abcdef",
              "forewarn.twilio.auth-token=secret",
              "forewarn.twilio.from-number=+15005550006");

  @Test
  void twilioWithTheDefaultPublicUrlIsRefusedAtStartup() {
    context.run(
        started ->
            assertThat(started)
                .getFailure()
                .rootCause()
                .hasMessageContaining("forewarn.outreach.public-url"));
  }

  @Test
  void twilioWithAPublicUrlStarts() {
    context
        .withPropertyValues("forewarn.outreach.public-url=https://care.example.com")
        .run(started -> assertThat(started).hasNotFailed());
  }
}
