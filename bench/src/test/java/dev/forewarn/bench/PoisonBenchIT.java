package dev.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A short {@code ./forewarn bench poison} through the broker and the telemetry job on the services
 * of {@code scripts/services.sh}: ten readings of every kind that once stopped the job.
 */
class PoisonBenchIT {

  @Test
  void everyPoisonIsOneDeadLetterTheValidReadingsReachHistoryAndTheJobNeverRestarts()
      throws Exception {
    String report =
        PoisonBench.run(
            10,
            TestServices.MQTT_URL,
            TestServices.INFLUX_URL,
            TestServices.JDBC_URL,
            TestServices.JDBC_USER,
            TestServices.JDBC_PASSWORD);

    System.out.println(report);
    assertThat(report)
        .contains("poison ts-overflows-long      published=10 dead_letters=10\n")
        .contains("poison huge-values            published=10 dead_letters=0 ")
        .contains("history: huge-values points=10 healthy points=10; job status RUNNING,")
        .containsPattern(
            "\npoison: published=70 dead_letters=60 restarts=0 publish_to_history_ms=\\d+$");
  }
}
