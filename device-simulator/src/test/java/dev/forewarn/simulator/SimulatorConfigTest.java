package dev.forewarn.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatorConfigTest {

  private static final Map<String, String> BROKER_ENV =
      Map.of("FOREWARN_MQTT_URL", "tcp://broker.example:1883");

  @Test
  void defaultsDescribeASmallFleetAtRealTimeOnTheProjectsBroker() {
    SimulatorConfig config = SimulatorConfig.fromArgs();

    assertThat(config.mqtt().url()).isEqualTo("tcp://127.0.0.1:11883");
    assertThat(config.mqtt().clientId()).startsWith("forewarn-sim-");
    assertThat(config.mqtt().qos()).isEqualTo(1);
    assertThat(config.mqtt().maxInflight()).isEqualTo(1000);
    assertThat(config.mqtt().format()).isEqualTo(dev.forewarn.simulator.mqtt.WireFormat.Kind.JSON);
    assertThat(config.fleet().devices()).isEqualTo(10);
    assertThat(config.fleet().degrading()).isEqualTo(1);
    assertThat(config.fleet().sudden()).isZero();
    assertThat(config.fleet().seed()).isEqualTo(42);
    assertThat(config.pace().rate()).isEqualTo(10);
    assertThat(config.pace().duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.pace().timeScale()).isEqualTo(1);
    assertThat(config.groundTruth()).isEmpty();
  }

  @Test
  void readsEveryOption() {
    SimulatorConfig config =
        SimulatorConfig.fromArgs(
            "--mqtt-url",
            "tcp://10.0.0.1:1883",
            "--client-id",
            "fleet-a",
            "--qos",
            "0",
            "--max-inflight",
            "5000",
            "--device-connections",
            "5",
            "--devices",
            "40",
            "--device-prefix",
            "ac-",
            "--model",
            "AC-300",
            "--rate",
            "400",
            "--duration",
            "2.5",
            "--readings",
            "7",
            "--time-scale",
            "120",
            "--start",
            "2026-11-22T10:00:00Z",
            "--degrading",
            "4",
            "--sudden",
            "10%",
            "--offline",
            "0.05",
            "--failure-level",
            "90",
            "--failure-after",
            "2h",
            "--ramp",
            "PT30M",
            "--noise",
            "0.7",
            "--gap-rate",
            "0.1",
            "--duplicate-rate",
            "0.2",
            "--out-of-order-rate",
            "0.3",
            "--seed",
            "-9",
            "--ground-truth",
            "out/truth.csv",
            "--format",
            "sparkplug");

    assertThat(config.mqtt())
        .isEqualTo(
            new dev.forewarn.simulator.mqtt.MqttSettings(
                "tcp://10.0.0.1:1883",
                "fleet-a",
                0,
                5000,
                5,
                dev.forewarn.simulator.mqtt.WireFormat.Kind.SPARKPLUG));
    assertThat(config.fleet().devices()).isEqualTo(40);
    assertThat(config.fleet().devicePrefix()).isEqualTo("ac-");
    assertThat(config.fleet().model()).isEqualTo("AC-300");
    assertThat(config.fleet().degrading()).isEqualTo(4);
    assertThat(config.fleet().sudden()).isEqualTo(4);
    assertThat(config.fleet().offline()).isEqualTo(2);
    assertThat(config.fleet().failureLevel()).isEqualTo(90);
    assertThat(config.fleet().failureAfter()).contains(Duration.ofHours(2));
    assertThat(config.fleet().ramp()).contains(Duration.ofMinutes(30));
    assertThat(config.fleet().seed()).isEqualTo(-9);
    assertThat(config.pace().rate()).isEqualTo(400);
    assertThat(config.pace().duration()).isEqualTo(Duration.ofMillis(2500));
    assertThat(config.pace().readingsPerDevice()).isEqualTo(7);
    assertThat(config.pace().timeScale()).isEqualTo(120);
    assertThat(config.pace().start()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    assertThat(config.impairments().noise()).isEqualTo(0.7);
    assertThat(config.impairments().gapRate()).isEqualTo(0.1);
    assertThat(config.impairments().duplicateRate()).isEqualTo(0.2);
    assertThat(config.impairments().outOfOrderRate()).isEqualTo(0.3);
    assertThat(config.groundTruth()).contains(Path.of("out/truth.csv"));
  }

  @Test
  void environmentNamesTheBrokerUnlessTheOptionDoes() {
    assertThat(SimulatorConfig.parse(new String[0], BROKER_ENV).mqtt().url())
        .isEqualTo("tcp://broker.example:1883");
    assertThat(
            SimulatorConfig.parse(new String[] {"--mqtt-url", "tcp://here:1"}, BROKER_ENV)
                .mqtt()
                .url())
        .isEqualTo("tcp://here:1");
  }

  @ParameterizedTest
  @CsvSource({"3, 3", "0.1, 3", "10%, 3", "1.0, 25", "0, 0", "0.01, 1"})
  void devicesAreACountOrAShareOfTheFleetRoundedUp(String given, int expected) {
    assertThat(
            SimulatorConfig.fromArgs("--devices", "25", "--degrading", given).fleet().degrading())
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"90, 90", "90s, 90", "15m, 900", "2h, 7200", "1d, 86400", "PT2H, 7200", "1.5m, 90"})
  void durationsTakeSecondsUnitsOrIso(String given, long seconds) {
    assertThat(SimulatorConfig.fromArgs("--failure-after", given).fleet().failureAfter())
        .contains(Duration.ofSeconds(seconds));
  }

  @Test
  void optionsAcceptTheEqualsForm() {
    assertThat(SimulatorConfig.fromArgs("--devices=3", "--degrading=1").fleet().devices())
        .isEqualTo(3);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--rate|abc|--rate: expected a number, got 'abc'",
        "--rate|0|--rate: expected a positive number, got '0'",
        "--devices|0|--devices: expected a whole number of at least 1, got '0'",
        "--qos|3|--qos: expected 0, 1 or 2, got '3'",
        "--max-inflight|70000|--max-inflight: at most 65535, got 70000",
        "--gap-rate|1.5|--gap-rate: expected a share between 0 and 1, got '1.5'",
        "--noise|-1|--noise: expected a number of zero or more, got '-1'",
        "--start|yesterday|--start: expected an ISO-8601 instant such as 2026-11-22T10:00:00Z, or now, got 'yesterday'",
        "--failure-after|soon|--failure-after: expected a duration such as 90, 90s, 15m, 2h, 1d or PT2H, got 'soon'",
        "--ramp|0|--ramp: expected a positive duration, got '0'",
        "--degrading|11|--degrading: expected a count between 0 and --devices (10), got '11'",
        "--offline|120%|--offline: expected a share between 0 and 1 (or 0% and 100%), got '120%'",
        "--device-prefix|a/b|--device-prefix: must not contain /, + or # (it becomes part of an MQTT topic), got 'a/b'",
        "--seed|x|--seed: expected a whole number, got 'x'",
        "--format|xml|--format: expected json, senml or sparkplug, got 'xml'",
      })
  void invalidValueIsRefusedNamingTheOption(String option, String value, String message) {
    assertThatThrownBy(() -> SimulatorConfig.fromArgs(option, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void unknownOptionIsNamed() {
    assertThatThrownBy(() -> SimulatorConfig.fromArgs("--speed", "9"))
        .hasMessage("--speed: unknown option");
  }

  @Test
  void optionWithoutValueIsNamed() {
    assertThatThrownBy(() -> SimulatorConfig.fromArgs("--devices", "3", "--rate"))
        .hasMessage("--rate: missing value");
  }

  @Test
  void moreFailingDevicesThanTheFleetAreRefused() {
    assertThatThrownBy(
            () -> SimulatorConfig.fromArgs("--devices", "10", "--degrading", "6", "--sudden", "5"))
        .hasMessage("--degrading + --sudden: 6 + 5 devices exceed --devices (10)");
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    String usage = SimulatorOptions.usage();

    for (SimulatorOptions.Option option : SimulatorOptions.ALL) {
      assertThat(usage).contains(option.name()).contains(option.help());
    }
    assertThat(usage).contains("--rate MSGS_PER_S").contains("(10)").contains("FOREWARN_MQTT_URL");
  }

  @Test
  void helpIsRecognisedAnywhereInTheArguments() {
    assertThat(SimulatorOptions.wantsHelp(new String[] {"--devices", "3", "--help"})).isTrue();
    assertThat(SimulatorOptions.wantsHelp(new String[] {"--devices", "3"})).isFalse();
  }
}
