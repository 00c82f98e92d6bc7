package dev.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A short {@code ./forewarn bench poison} through the broker and the telemetry job on the services
 * of {@code scripts/services.sh}: ten readings of every kind that once stopped the job.
 */
class PoisonBenchIT {

  @Test
  void everyPoisonIsOneDeadLetterTheValidReadingsReachHistoryAndTheJobNeverRestarts()
      throws Exception {
    Map<String, String> env = System.getenv();
    String report =
        PoisonBench.run(
            10,
            env.getOrDefault("FOREWARN_TEST_MQTT_URL", "tcp://127.0.0.1:11883"),
            env.getOrDefault("FOREWARN_TEST_INFLUX_URL", "http://127.0.0.1:8086"),
            env.getOrDefault(
                "FOREWARN_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/forewarn_test"),
            env.getOrDefault("FOREWARN_TEST_JDBC_USER", "forewarn"),
            env.getOrDefault("FOREWARN_TEST_JDBC_PASSWORD", "forewarn"));

    System.out.println(report);
    assertThat(report)
        .contains("poison ts-overflows-long      published=10 dead_letters=10\n")
        .contains("poison huge-values            published=10 dead_letters=0 ")
        .contains("history: huge-values points=10 healthy points=10; job status RUNNING,")
        .containsPattern(
            "\npoison: published=70 dead_letters=60 restarts=0 publish_to_history_ms=\\d+$");
  }
}
