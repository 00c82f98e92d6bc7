package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.config.WakeupLoop;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs intake when the telemetry job signals new events ({@code NOTIFY case_events}) and at least
 * every poll interval, and the acknowledgement timers when one falls due.
 */
@Configuration(proxyBeanMethods = false)
class CaseIntakeLoop {

  @Bean
  WakeupLoop caseIntakeWakeupLoop(
      CaseIntake intake, DataSource dataSource, IntakeProperties properties) {
    return new WakeupLoop(
        "case_events",
        dataSource,
        properties.pollInterval(),
        () -> {
          intake.drain();
          return Optional.empty();
        });
  }

  @Bean
  WakeupLoop ackTimersWakeupLoop(
      AckTimers timers, DataSource dataSource, IntakeProperties properties) {
    return new WakeupLoop("case_timers", dataSource, properties.timerInterval(), timers::run);
  }
}
