package dev.forewarn.outreach.notify.email;

import dev.forewarn.outreach.notify.Channel;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.SandboxChannel;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * SMTP when Spring Boot made a mail sender (it does so when {@code spring.mail.host} is set),
 * otherwise the email sandbox.
 */
@Configuration(proxyBeanMethods = false)
class EmailChannelConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmailChannelConfiguration.class);

  @Bean
  Channel emailChannel(ObjectProvider<JavaMailSender> sender, EmailProperties properties) {
    JavaMailSender mailSender = sender.getIfAvailable();
    if (mailSender == null) {
      log.info("email channel=sandbox: spring.mail.host is not set, nothing is sent");
      return new SandboxChannel(ChannelKind.EMAIL);
    }
    if (mailSender instanceof JavaMailSenderImpl) {
      boundedWaits((JavaMailSenderImpl) mailSender);
    }
    log.info("email channel=smtp from={}", properties.from());
    return new SmtpEmailChannel(mailSender, properties.from());
  }

  /**
   * Jakarta Mail waits forever by default; a hung SMTP server must fail an attempt, not stall the
   * dispatcher. Values set through {@code spring.mail.properties.*} win.
   */
  private static void boundedWaits(JavaMailSenderImpl sender) {
    Properties mail = sender.getJavaMailProperties();
    mail.putIfAbsent("mail.smtp.connectiontimeout", "10000");
    mail.putIfAbsent("mail.smtp.timeout", "30000");
    mail.putIfAbsent("mail.smtp.writetimeout", "30000");
  }
}
