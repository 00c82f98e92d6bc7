package dev.forewarn.ingest.job;

import static dev.forewarn.ingest.job.IngestOption.*;

import dev.forewarn.ingest.cases.JdbcSettings;
import dev.forewarn.ingest.influx.InfluxSettings;
import dev.forewarn.ingest.mqtt.MqttSourceSettings;
import dev.forewarn.ingest.mqtt.RetainedSet;
import dev.forewarn.ingest.parse.ClockPolicy;
import dev.forewarn.ingest.sparkplug.ResolveSparkplug;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The job's configuration, parsed once from {@code --name value} arguments and {@code FOREWARN_*}
 * environment variables (arguments win). Run with {@code --help} for every option and its default.
 *
 * @param telemetrySource the telemetry subscription: a persistent session on a plain subscription,
 *     or one per reader on a shared subscription when a share group is set
 * @param rulesSource the rule documents subscription: one clean session, so every retained rule is
 *     delivered on each start
 * @param influx where history goes; empty switches history writes off
 * @param jdbc the database that receives case events and dead letters
 * @param caseFlushInterval longest a case event waits before it is written
 * @param deadLetterFlushInterval longest a dead letter waits before it is written
 * @param checkpointInterval checkpoint period; messages are acknowledged when checkpoints complete
 * @param checkpointDir durable checkpoint storage, empty for in-memory checkpoints
 * @param restoreFrom checkpoint or savepoint to start from
 * @param parallelism job parallelism, 0 for the environment's default
 * @param maxOutOfOrderness how far behind the newest reading event time may lag
 * @param idleTimeout after this long without readings a reader no longer holds back event time
 * @param bufferTimeout longest a record waits in a network buffer
 * @param stateTtl how long, in event time, a device's rule states outlive its last reading
 * @param sparkplugSource the Sparkplug B subscription of the configured groups: one persistent
 *     session; empty when no group is configured
 * @param clocks which times a reading may carry: how far ahead of its arrival, from when on
 */
public record IngestConfig(
    MqttSourceSettings telemetrySource,
    MqttSourceSettings rulesSource,
    Optional<InfluxSettings> influx,
    JdbcSettings jdbc,
    Duration caseFlushInterval,
    Duration deadLetterFlushInterval,
    Duration checkpointInterval,
    Optional<String> checkpointDir,
    Optional<String> restoreFrom,
    int parallelism,
    Duration maxOutOfOrderness,
    Duration idleTimeout,
    Duration bufferTimeout,
    Duration stateTtl,
    Optional<MqttSourceSettings> sparkplugSource,
    ClockPolicy clocks) {

  /**
   * Parses arguments and environment.
   *
   * @throws IllegalArgumentException naming the option and what is wrong with its value
   */
  public static IngestConfig parse(String[] args, Map<String, String> environment) {
    OptionValues values = OptionValues.resolve(args, environment);
    return new IngestConfig(
        telemetry(values),
        rules(values),
        influx(values),
        new JdbcSettings(
            values.required(JDBC_URL), values.text(JDBC_USER), values.text(JDBC_PASSWORD)),
        values.duration(CASE_FLUSH_INTERVAL),
        values.duration(DEAD_LETTER_FLUSH_INTERVAL),
        values.duration(CHECKPOINT_INTERVAL),
        optional(values.text(CHECKPOINT_DIR)),
        optional(values.text(RESTORE_FROM)),
        values.wholeNumber(PARALLELISM),
        values.duration(MAX_OUT_OF_ORDERNESS),
        values.duration(IDLE_TIMEOUT),
        values.duration(BUFFER_TIMEOUT),
        values.duration(STATE_TTL),
        sparkplug(values),
        new ClockPolicy(values.duration(MAX_FUTURE_SKEW), values.instant(EARLIEST_READING_TIME)));
  }

  /** Every option with its environment variable, default and meaning. */
  public static String help() {
    StringBuilder text =
        new StringBuilder(
            "Forewarn telemetry-ingest: MQTT telemetry in, InfluxDB history, rule evaluation,"
                + " case events to PostgreSQL.\n\nOptions (argument, or environment variable):\n");
    for (IngestOption option : IngestOption.values()) {
      String shown = option.defaultValue().isEmpty() ? "(none)" : option.defaultValue();
      text.append(String.format("  %-30s %s%n", option.flag() + " VALUE", option.description()))
          .append(String.format("  %-30s default: %s%n", option.environmentVariable(), shown));
    }
    return text.append("  --help                         print this and exit\n").toString();
  }

  /** One line for the start-up log, without secrets. */
  public String describe() {
    return "mqtt="
        + telemetrySource.serverUri()
        + " telemetry="
        + String.join(",", telemetrySource.topicFilters())
        + " sparkplug="
        + sparkplugSource.map(s -> String.join(",", s.topicFilters())).orElse("off")
        + " rules="
        + rulesSource.topicFilter()
        + " influx="
        + influx.map(i -> i.url() + "/" + i.database()).orElse("off")
        + " jdbc="
        + jdbc.safeUrl()
        + " checkpoint="
        + checkpointInterval
        + checkpointDir.map(dir -> " in " + dir).orElse(" in memory")
        + " readings="
        + clocks.earliest()
        + "..arrival+"
        + clocks.maxFutureSkew();
  }

  private static MqttSourceSettings telemetry(OptionValues values) {
    String group = values.text(MQTT_SHARE_GROUP);
    UnaryOperator<String> shared =
        topic -> group.isEmpty() ? topic : "$share/" + group + "/" + topic;
    List<String> more = new ArrayList<>();
    if (!values.text(SENML_TOPIC).isEmpty()) {
      more.add(shared.apply(values.text(SENML_TOPIC)));
    }
    return new MqttSourceSettings(
        values.required(MQTT_URL),
        values.text(MQTT_USERNAME),
        values.text(MQTT_PASSWORD),
        values.required(MQTT_CLIENT_ID),
        shared.apply(values.required(TELEMETRY_TOPIC)),
        false,
        values.positiveInt(MQTT_QUEUE_CAPACITY),
        "",
        more);
  }

  private static Optional<MqttSourceSettings> sparkplug(OptionValues values) {
    List<String> filters = new ArrayList<>();
    for (String group : values.text(SPARKPLUG_GROUPS).split(",")) {
      String id = group.strip();
      if (id.isEmpty()) {
        continue;
      }
      if (id.contains("/") || id.contains("+") || id.contains("#")) {
        throw new IllegalArgumentException(
            "--sparkplug-groups (or FOREWARN_SPARKPLUG_GROUPS): a group id cannot hold /, + or #,"
                + " got '"
                + id
                + "'");
      }
      filters.add(ResolveSparkplug.NAMESPACE + "/" + id + "/#");
    }
    if (filters.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new MqttSourceSettings(
            values.required(MQTT_URL),
            values.text(MQTT_USERNAME),
            values.text(MQTT_PASSWORD),
            values.required(MQTT_CLIENT_ID) + "-sparkplug",
            filters.get(0),
            false,
            values.positiveInt(MQTT_QUEUE_CAPACITY),
            "",
            filters.subList(1, filters.size())));
  }

  private static MqttSourceSettings rules(OptionValues values) {
    return new MqttSourceSettings(
        values.required(MQTT_URL),
        values.text(MQTT_USERNAME),
        values.text(MQTT_PASSWORD),
        values.required(MQTT_CLIENT_ID) + "-rules",
        values.required(RULES_TOPIC),
        true,
        values.positiveInt(MQTT_QUEUE_CAPACITY),
        RetainedSet.syncTopic(values.required(RULES_TOPIC)));
  }

  private static Optional<InfluxSettings> influx(OptionValues values) {
    String url = values.text(INFLUX_URL);
    if (url.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new InfluxSettings(
            url,
            values.text(INFLUX_USERNAME),
            values.text(INFLUX_PASSWORD),
            values.required(INFLUX_DATABASE),
            values.positiveInt(INFLUX_BATCH_SIZE),
            values.duration(INFLUX_FLUSH_INTERVAL),
            values.positiveInt(HISTORY_BUFFER)));
  }

  private static Optional<String> optional(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
