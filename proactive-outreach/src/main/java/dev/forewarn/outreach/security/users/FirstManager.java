package dev.forewarn.outreach.security.users;

import dev.forewarn.outreach.security.FirstManagerProperties;
import dev.forewarn.outreach.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first manager from the environment at startup, when no user of that name exists; a
 * manager who changed their password since keeps it. Says in one line when no manager exists.
 */
@Component
class FirstManager implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(FirstManager.class);

  private final FirstManagerProperties admin;
  private final StaffUsers users;

  FirstManager(FirstManagerProperties admin, StaffUsers users) {
    this.admin = admin;
    this.users = users;
  }

  @Override
  public void run(ApplicationArguments args) {
    admin
        .given()
        .ifPresent(
            given -> {
              if (users.find(given.user()).isEmpty()) {
                users.add(given.user(), given.password(), Role.MANAGER);
              }
            });
    if (!users.anyManager()) {
      log.warn(
          "no manager can sign in: set FOREWARN_ADMIN_USER and FOREWARN_ADMIN_PASSWORD (or"
              + " FOREWARN_ADMIN_PASSWORD_FILE) to create the first one");
    }
  }
}
