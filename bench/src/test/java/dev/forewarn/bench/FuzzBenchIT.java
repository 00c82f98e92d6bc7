package dev.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A shorter seeded fuzz run ({@code ./forewarn bench fuzz}) through the broker and the telemetry
 * job on the services of {@code scripts/services.sh}.
 */
class FuzzBenchIT {

  @Test
  void refusesEachHostilePayloadOnceStoresEveryValidReadingOnceAndKeepsRunning() throws Exception {
    FuzzBench.Report report =
        FuzzBench.run(
            1_500,
            18,
            TestServices.MQTT_URL,
            TestServices.INFLUX_URL,
            TestServices.JDBC_URL,
            TestServices.JDBC_USER,
            TestServices.JDBC_PASSWORD);

    System.out.println(report.text());
    assertThat(report.tried()).isGreaterThanOrEqualTo(1_500);
    assertThat(report.lost()).as("valid readings without a point").isZero();
    assertThat(report.extra()).as("points beyond the valid readings").isZero();
    assertThat(report.missingDeadLetters()).as("refused payloads without a dead letter").isZero();
    assertThat(report.extraDeadLetters()).as("dead letters beyond one per payload").isZero();
    assertThat(report.restarts()).isZero();
    assertThat(report.jobStatus()).isEqualTo("RUNNING");
    assertThat(report.storedReadings()).isEqualTo(report.expectedReadings()).isPositive();
    assertThat(report.deadLetters()).isPositive();
    assertThat(report.brokerRefused()).isPositive();
    // The payloads that once stopped the job's MQTT client are among those refused.
    assertThat(report.reasons())
        .containsKey("topic: \"…\" holds characters the job's MQTT client cannot read");
  }
}
