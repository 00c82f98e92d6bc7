package dev.forewarn.outreach.metrics;

import dev.forewarn.outreach.web.OperationsQueries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * {@code forewarn_dead_letters{kind}}: the dead letters the job has kept, by kind of reason (the
 * field at fault, {@code late}, …), read from PostgreSQL every {@link #EVERY}. The job writes them;
 * the service is where they can be counted by reason. A gauge, since it is the table's count.
 */
@Component
class DeadLetterGauges implements InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterGauges.class);

  static final Duration EVERY = Duration.ofSeconds(15);

  private final OperationsQueries queries;
  private final MultiGauge gauge;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-gauges");
            thread.setDaemon(true);
            return thread;
          });

  DeadLetterGauges(OperationsQueries queries, MeterRegistry registry) {
    this.queries = queries;
    this.gauge =
        MultiGauge.builder("forewarn.dead.letters")
            .description("telemetry messages the job refused and kept, by kind of reason")
            .register(registry);
  }

  @Override
  public void afterPropertiesSet() {
    timer.scheduleWithFixedDelay(this::refresh, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads the counts again; a failed read keeps the last ones. */
  void refresh() {
    try {
      List<MultiGauge.Row<?>> rows =
          queries.deadLetterKinds().entrySet().stream()
              .<MultiGauge.Row<?>>map(
                  e -> MultiGauge.Row.of(Tags.of("kind", e.getKey()), e.getValue()))
              .toList();
      gauge.register(rows, true);
    } catch (RuntimeException e) {
      log.debug("dead letters not counted: {}", e.toString());
    }
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
