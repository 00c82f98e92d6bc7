package dev.forewarn.ingest.job;

import java.util.Locale;

/**
 * Every option of the job: its {@code --name}, its {@code FOREWARN_*} environment variable, its
 * default and what it means. The module README's configuration table lists the same.
 */
enum IngestOption {
  MQTT_URL("mqtt-url", "tcp://127.0.0.1:11883", "MQTT broker (tcp:// or ssl://)"),
  MQTT_USERNAME("mqtt-username", "", "MQTT user name; empty for anonymous"),
  MQTT_PASSWORD("mqtt-password", "", "MQTT password"),
  MQTT_CLIENT_ID(
      "mqtt-client-id",
      "forewarn-ingest",
      "client id prefix: telemetry sessions are <prefix>-<n>, the rules reader <prefix>-rules-0;"
          + " keep it stable, the broker keeps unacknowledged messages per session"),
  MQTT_SHARE_GROUP(
      "mqtt-share-group",
      "",
      "empty: one telemetry reader on a plain subscription, which the broker keeps over its own"
          + " restart; a group name spreads telemetry over the job's readers through"
          + " $share/<group>/..., which Mosquitto 2.0 forgets over a restart, losing what devices"
          + " publish until the readers subscribe again (docs/mqtt-broker.md)"),
  TELEMETRY_TOPIC("telemetry-topic", "devices/+/telemetry", "telemetry topic filter"),
  SENML_TOPIC(
      "senml-topic",
      "devices/+/senml",
      "SenML (RFC 8428) topic filter, read with the telemetry; empty leaves SenML out"),
  SPARKPLUG_GROUPS(
      "sparkplug-groups",
      "",
      "Sparkplug B group ids, comma-separated, whose spBv1.0/{group}/# the job reads (one reader,"
          + " session <client id>-sparkplug-0); empty reads no Sparkplug"),
  RULES_TOPIC(
      "rules-topic", "forewarn/rules/+", "retained rule documents; the last level is the rule id"),
  MQTT_QUEUE_CAPACITY(
      "mqtt-queue-capacity", "10000", "messages buffered per reader between Paho and Flink"),
  INFLUX_URL("influx-url", "", "InfluxDB HTTP URL (v1 API); empty switches history writes off"),
  INFLUX_DATABASE("influx-database", "forewarn", "InfluxDB database, created when missing"),
  INFLUX_USERNAME("influx-username", "", "InfluxDB user name; empty without authentication"),
  INFLUX_PASSWORD("influx-password", "", "InfluxDB password"),
  INFLUX_BATCH_SIZE("influx-batch-size", "5000", "points per InfluxDB write"),
  INFLUX_FLUSH_INTERVAL(
      "influx-flush-interval", "1s", "longest a point waits before it is written"),
  HISTORY_BUFFER(
      "history-buffer",
      "200000",
      "most readings kept for InfluxDB while it is slow or away (also in checkpoints); beyond"
          + " it the oldest are dropped and counted as history_points_dropped"),
  JDBC_URL(
      "jdbc-url",
      "jdbc:postgresql://127.0.0.1:5432/forewarn",
      "PostgreSQL with the case_events and dead_letters tables"),
  JDBC_USER("jdbc-user", "forewarn", "PostgreSQL user"),
  JDBC_PASSWORD("jdbc-password", "forewarn", "PostgreSQL password"),
  CASE_FLUSH_INTERVAL(
      "case-flush-interval", "10ms", "longest a case event waits before it is written"),
  DEAD_LETTER_FLUSH_INTERVAL(
      "dead-letter-flush-interval", "200ms", "longest a dead letter waits before it is written"),
  CHECKPOINT_INTERVAL(
      "checkpoint-interval",
      "2s",
      "checkpoint period; MQTT messages are acknowledged when a checkpoint completes"),
  CHECKPOINT_DIR(
      "checkpoint-dir",
      "",
      "durable checkpoint directory (e.g. file:///var/lib/forewarn/checkpoints), kept on"
          + " cancel; empty uses a scratch directory deleted on exit (or the cluster's setting)"),
  RESTORE_FROM(
      "restore-from", "", "checkpoint or savepoint to start from (a path under checkpoint-dir)"),
  PARALLELISM("parallelism", "0", "parallelism of the job; 0 uses the environment's default"),
  MAX_OUT_OF_ORDERNESS(
      "max-out-of-orderness", "5s", "how late a reading may arrive and still be in event time"),
  IDLE_TIMEOUT(
      "idle-timeout",
      "30s",
      "a reader, or a device, without readings this long stops holding back the watermark"),
  STATE_TTL(
      "state-ttl",
      "P7D",
      "how long, in event time, a device's rule states outlive its last reading; then they go,"
          + " and an open case is closed as SUPERSEDED"),
  MAX_FUTURE_SKEW(
      "max-future-skew",
      "5m",
      "how far ahead of its arrival a reading's time may be; a reading further ahead is a dead"
          + " letter (its device's clock is wrong)"),
  EARLIEST_READING_TIME(
      "earliest-reading-time",
      "2000-01-01T00:00:00Z",
      "the earliest time a reading may have; an earlier one is a dead letter (a clock reset)"),
  BUFFER_TIMEOUT(
      "buffer-timeout",
      "10ms",
      "longest a record waits in a network buffer between operators (latency vs. throughput)");

  private final String name;
  private final String defaultValue;
  private final String description;

  IngestOption(String name, String defaultValue, String description) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  String flag() {
    return "--" + name;
  }

  String environmentVariable() {
    return "FOREWARN_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  String defaultValue() {
    return defaultValue;
  }

  String description() {
    return description;
  }

  boolean isSecret() {
    return name.endsWith("password");
  }
}
