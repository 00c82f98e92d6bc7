package dev.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forewarn.bench.FaultScenario.Fault;
import dev.forewarn.bench.FaultScenario.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultsBenchTest {

  @Test
  void runsEveryScenarioByDefaultWithTheJobsPlainSubscription() {
    FaultsBench.Config config = FaultsBench.Config.parse(new String[0], Map.of());

    assertThat(config.scenarios())
        .containsExactly(
            Fault.JOB_KILLED,
            Fault.BROKER_RESTARTED,
            Fault.INFLUX_STOPPED,
            Fault.POSTGRES_RESTARTED,
            Fault.PROVIDER_FAULTS,
            Fault.OUTREACH_KILLED);
    assertThat(config.outreachLoad()).isEqualTo(200);
    assertThat(config.sharedSubscription()).isFalse();
    assertThat(config.devices()).isEqualTo(20);
    assertThat(config.downSeconds()).isEqualTo(5);
    assertThat(config.influxDownSeconds()).isEqualTo(60);
  }

  @Test
  void refusesAnUnknownScenarioNamingTheKnownOnes() {
    assertThatThrownBy(
            () -> FaultsBench.Config.parse(new String[] {"--scenarios", "1,9"}, Map.of()))
        .hasMessageContaining("--scenarios: 9 is not a scenario")
        .hasMessageContaining("2 (broker restart)")
        .hasMessageContaining("3 (InfluxDB stopped)")
        .hasMessageContaining("4 (PostgreSQL restarted)")
        .hasMessageContaining("6 (outreach kill -9, two instances)");
    assertThatThrownBy(
            () -> FaultsBench.Config.parse(new String[] {"--scenarios", "one"}, Map.of()))
        .hasMessage("--scenarios: not a scenario number: \"one\"");
  }

  @Test
  void sumsTheScenariosIntoTheLastLine() {
    FaultsBench.Report report =
        new FaultsBench.Report(
            List.of(
                new Result(Fault.JOB_KILLED, 500, 500, 0, 2, 2, 0, 0, 4.1, 0, "restored", -1, -1),
                new Result(
                    Fault.BROKER_RESTARTED, 500, 344, 156, 2, 4, 0, 2, 3.5, 25, "down", -1, -1)));

    assertThat(report.text())
        .endsWith(
            "faults: scenarios=2 readings_lost=156 cases_lost=0 cases_duplicated=2"
                + " sends_duplicated=0 max_recovery_s=4")
        .contains("n/a");
    assertThat(report.clean()).isFalse();
  }

  @Test
  void countsDuplicatedAndLostSendsOnlyInTheScenariosThatSend() {
    FaultsBench.Report report =
        new FaultsBench.Report(
            List.of(
                new Result(Fault.JOB_KILLED, 500, 500, 0, 2, 2, 0, 0, 4.1, 0, "restored", -1, -1),
                new Result(Fault.OUTREACH_KILLED, 500, 500, 0, 2, 2, 0, 0, 0.2, 0, "sms", 1, 0)));

    assertThat(report.text())
        .contains("6 outreach kill -9")
        .endsWith("sends_duplicated=1 max_recovery_s=4");
    assertThat(report.clean()).isFalse();
    assertThat(
            new FaultsBench.Report(
                    List.of(
                        new Result(
                            Fault.PROVIDER_FAULTS, 5, 5, 0, 1, 1, 0, 0, 0.1, 0, "sms", 0, 1)))
                .clean())
        .as("a lost SMS fails the run")
        .isFalse();
  }

  @Test
  void aScenarioThatNeverRecoveredShowsAsMinusOne() {
    FaultsBench.Report report =
        new FaultsBench.Report(
            List.of(new Result(Fault.JOB_KILLED, 500, 300, 200, 2, 1, 1, 0, -1, 0, "x", -1, -1)));

    assertThat(report.text()).endsWith("max_recovery_s=-1").contains(" none ");
  }
}
