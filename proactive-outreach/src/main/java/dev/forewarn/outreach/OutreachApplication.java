package dev.forewarn.outreach;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The outreach service: turns case events into cases, tells the device's owner by SMS and email
 * through the outbox, and serves the rules, customers and cases API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OutreachApplication {

  public static void main(String[] args) {
    SpringApplication.run(OutreachApplication.class, args);
  }
}
