package dev.forewarn.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forewarn.ingest.parse.ClockPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

  private static final String[] NO_ARGS = {};

  @Test
  void runsOnTheProjectsLocalServicesByDefaultWithHistoryOff() {
    IngestConfig config = IngestConfig.parse(NO_ARGS, Map.of());

    assertThat(config.telemetrySource().serverUri()).isEqualTo("tcp://127.0.0.1:11883");
    assertThat(config.telemetrySource().topicFilter()).isEqualTo("devices/+/telemetry");
    assertThat(config.telemetrySource().shared()).isFalse();
    assertThat(config.telemetrySource().cleanSession()).isFalse();
    assertThat(config.telemetrySource().clientId(1)).isEqualTo("forewarn-ingest-1");
    assertThat(config.rulesSource().topicFilter()).isEqualTo("forewarn/rules/+");
    assertThat(config.rulesSource().cleanSession()).isTrue();
    assertThat(config.rulesSource().clientId(0)).isEqualTo("forewarn-ingest-rules-0");
    assertThat(config.influx()).isEmpty();
    assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.checkpointDir()).isEmpty();
    assertThat(config.parallelism()).isZero();
    assertThat(config.telemetrySource().topicFilters())
        .containsExactly("devices/+/telemetry", "devices/+/senml");
    assertThat(config.sparkplugSource()).isEmpty();
  }

  @Test
  void sparkplugGroupsAreReadByOnePersistentSessionOfTheirOwn() {
    IngestConfig config =
        IngestConfig.parse(
            new String[] {"--sparkplug-groups", "plant-a, plant-b", "--senml-topic", ""}, Map.of());

    assertThat(config.sparkplugSource())
        .hasValueSatisfying(
            sparkplug -> {
              assertThat(sparkplug.topicFilters())
                  .containsExactly("spBv1.0/plant-a/#", "spBv1.0/plant-b/#");
              assertThat(sparkplug.clientId(0)).isEqualTo("forewarn-ingest-sparkplug-0");
              assertThat(sparkplug.cleanSession()).isFalse();
            });
    assertThat(config.telemetrySource().topicFilters()).containsExactly("devices/+/telemetry");
    assertThat(config.describe()).contains("sparkplug=spBv1.0/plant-a/#,spBv1.0/plant-b/#");
    assertThatThrownBy(
            () -> IngestConfig.parse(new String[] {"--sparkplug-groups", "a/b"}, Map.of()))
        .hasMessageContaining("--sparkplug-groups")
        .hasMessageContaining("'a/b'");
  }

  @Test
  void aRulesTopicMustEndInAWildcardLevelSoThatTheSyncMarkerMatchesIt() {
    assertThat(IngestConfig.parse(new String[0], Map.of()).rulesSource().syncTopic())
        .isEqualTo("forewarn/rules/_sync");
    assertThatThrownBy(
            () -> IngestConfig.parse(new String[] {"--rules-topic", "forewarn/rules"}, Map.of()))
        .hasMessageContaining("must end in /+ or /#");
  }

  @Test
  void argumentsWinOverTheEnvironmentWhichWinsOverDefaults() {
    IngestConfig config =
        IngestConfig.parse(
            new String[] {"--mqtt-url", "tcp://broker:1883", "--checkpoint-interval=250ms"},
            Map.of(
                "FOREWARN_MQTT_URL", "tcp://ignored:1883",
                "FOREWARN_INFLUX_URL", "http://influx:8086",
                "FOREWARN_INFLUX_BATCH_SIZE", "100"));

    assertThat(config.telemetrySource().serverUri()).isEqualTo("tcp://broker:1883");
    assertThat(config.checkpointInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.influx())
        .hasValueSatisfying(
            influx -> {
              assertThat(influx.url()).isEqualTo("http://influx:8086");
              assertThat(influx.batchSize()).isEqualTo(100);
              assertThat(influx.database()).isEqualTo("forewarn");
            });
  }

  @Test
  void theClockPolicyComesFromItsOptionsAndDefaultsToFiveMinutesAndTheYear2000() {
    assertThat(IngestConfig.parse(NO_ARGS, Map.of()).clocks())
        .isEqualTo(new ClockPolicy(Duration.ofMinutes(5), Instant.parse("2000-01-01T00:00:00Z")));

    IngestConfig config =
        IngestConfig.parse(
            new String[] {"--max-future-skew", "1h"},
            Map.of("FOREWARN_EARLIEST_READING_TIME", "2020-06-01T00:00:00Z"));
    assertThat(config.clocks())
        .isEqualTo(new ClockPolicy(Duration.ofHours(1), Instant.parse("2020-06-01T00:00:00Z")));
    assertThat(config.describe()).endsWith(" readings=2020-06-01T00:00:00Z..arrival+PT1H");
    assertThatThrownBy(
            () -> IngestConfig.parse(new String[] {"--earliest-reading-time", "2000"}, Map.of()))
        .hasMessage(
            "--earliest-reading-time (or FOREWARN_EARLIEST_READING_TIME): expected an instant like"
                + " 2000-01-01T00:00:00Z, got '2000'");
  }

  @Test
  void aShareGroupSpreadsTelemetryAndSenmlOverTheReaders() {
    IngestConfig config =
        IngestConfig.parse(new String[] {"--mqtt-share-group", "forewarn-ingest"}, Map.of());

    assertThat(config.telemetrySource().topicFilters())
        .containsExactly(
            "$share/forewarn-ingest/devices/+/telemetry", "$share/forewarn-ingest/devices/+/senml");
    assertThat(config.telemetrySource().shared()).isTrue();
  }

  @Test
  void refusesUnknownOptionsAndBadValuesNamingTheOption() {
    assertThatThrownBy(() -> IngestConfig.parse(new String[] {"--mqtt-uri", "x"}, Map.of()))
        .hasMessageStartingWith("--mqtt-uri: unknown option");
    assertThatThrownBy(
            () -> IngestConfig.parse(new String[] {"--checkpoint-interval", "soon"}, Map.of()))
        .hasMessageStartingWith("--checkpoint-interval (or FOREWARN_CHECKPOINT_INTERVAL)")
        .hasMessageContaining("'soon'");
    assertThatThrownBy(
            () ->
                IngestConfig.parse(
                    NO_ARGS,
                    Map.of("FOREWARN_INFLUX_URL", "http://i", "FOREWARN_INFLUX_BATCH_SIZE", "0")))
        .hasMessageStartingWith("--influx-batch-size");
    assertThatThrownBy(() -> IngestConfig.parse(new String[] {"--jdbc-url"}, Map.of()))
        .hasMessage("--jdbc-url: missing value");
  }

  @Test
  void neverShowsAPasswordInAnError() {
    assertThatThrownBy(
            () ->
                IngestConfig.parse(
                    new String[] {"--jdbc-url", "", "--jdbc-password", "s3cret"}, Map.of()))
        .hasMessageNotContaining("s3cret");
    IngestConfig config =
        IngestConfig.parse(
            new String[] {"--jdbc-url", "jdbc:postgresql://db/x?password=s3cret"}, Map.of());
    assertThat(config.describe()).doesNotContain("s3cret");
    assertThat(config.jdbc().toString()).doesNotContain("s3cret");
  }

  @Test
  void helpListsEveryOptionWithItsEnvironmentVariableAndDefault() {
    String help = IngestConfig.help();

    for (IngestOption option : IngestOption.values()) {
      assertThat(help).contains(option.flag(), option.environmentVariable());
    }
    assertThat(help).contains("default: tcp://127.0.0.1:11883");
  }
}
