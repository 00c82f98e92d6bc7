package dev.forewarn.ingest.testing;

import java.util.ArrayList;
import java.util.List;

/** The options a test job runs with against the real services: its own sessions, rules, stores. */
public final class JobArgs {

  private JobArgs() {}

  /**
   * Options for a job of parallelism 2 that checkpoints every 500 ms and flushes history every 200
   * ms. It reads telemetry as by default: one reader on a plain subscription.
   *
   * @param clientId the job's MQTT client id prefix
   * @param rulesFilter the rules topic filter the job reads
   * @param influxDatabase its history database
   * @param schema its PostgreSQL schema
   */
  public static List<String> of(
      String clientId, String rulesFilter, String influxDatabase, TestSchema schema) {
    return new ArrayList<>(
        List.of(
            "--mqtt-url",
            Services.mqttUrl(),
            "--mqtt-client-id",
            clientId,
            "--rules-topic",
            rulesFilter,
            "--influx-url",
            Services.influxUrl(),
            "--influx-database",
            influxDatabase,
            "--influx-flush-interval",
            "200ms",
            "--jdbc-url",
            schema.jdbc().url(),
            "--jdbc-user",
            schema.jdbc().user(),
            "--jdbc-password",
            schema.jdbc().password(),
            "--checkpoint-interval",
            "500ms",
            "--parallelism",
            "2"));
  }
}
