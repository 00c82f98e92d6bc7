package dev.forewarn.outreach.config;

import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Applies a migration numbered below one the database already has (V26_1 came after V27 had been
 * released) instead of refusing to start, and only then: Flyway's out-of-order mode, which it warns
 * of at every start, is switched on for the migration that needs it.
 */
@Configuration(proxyBeanMethods = false)
public class LateMigrations {

  private static final Logger LOG = LoggerFactory.getLogger(LateMigrations.class);

  @Bean
  FlywayMigrationStrategy migrateLateOnesToo() {
    return flyway -> {
      String[] late =
          Arrays.stream(flyway.info().all())
              .filter(migration -> migration.getState() == MigrationState.IGNORED)
              .map(MigrationInfo::getScript)
              .toArray(String[]::new);
      if (late.length == 0) {
        flyway.migrate();
        return;
      }
      LOG.info(
          "applying migrations numbered below the database's version: {}", String.join(", ", late));
      Flyway.configure().configuration(flyway.getConfiguration()).outOfOrder(true).load().migrate();
    };
  }
}
