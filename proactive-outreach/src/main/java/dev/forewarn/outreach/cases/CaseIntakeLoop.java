package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.config.WakeupLoop;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs intake when the telemetry job signals new events ({@code NOTIFY case_events}) and at least
 * every poll interval.
 */
@Component
class CaseIntakeLoop implements SmartLifecycle {

  private final WakeupLoop loop;

  CaseIntakeLoop(CaseIntake intake, DataSource dataSource, IntakeProperties properties) {
    this.loop =
        new WakeupLoop(
            "case_events",
            dataSource,
            properties.pollInterval(),
            () -> {
              intake.drain();
              return Optional.empty();
            });
  }

  @Override
  public void start() {
    loop.start();
  }

  @Override
  public void stop() {
    loop.stop();
  }

  @Override
  public boolean isRunning() {
    return loop.isRunning();
  }
}
