package dev.forewarn.demo;

import java.util.Locale;
import java.util.UUID;

/**
 * The names one demo run gives what it makes on services it shares with other runs: MQTT client
 * ids, the rules topic, the InfluxDB database and, in a configured PostgreSQL, the schema. Each
 * holds the run's id, so a run never picks up what an earlier one left (a persistent session with
 * readings nobody consumed, a retained rule, stored readings).
 *
 * @param id eight lower-case hex digits, unique per run
 */
record RunNames(String id) {

  RunNames {
    if (!id.matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException("id: must be eight lower-case hex digits, was " + id);
    }
  }

  static RunNames random() {
    return new RunNames(UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT));
  }

  /** The run's ledger of what it made (see {@code RunLedger}). */
  String ledger() {
    return "demo-" + id;
  }

  /** The job's client id prefix: its telemetry reader is {@code <prefix>-0}. */
  String jobClientId() {
    return "forewarn-demo-" + id;
  }

  /** The session of the job's telemetry reader. */
  String jobSession() {
    return jobClientId() + "-0";
  }

  /** The session of the job's Sparkplug B reader. */
  String sparkplugSession() {
    return jobClientId() + "-sparkplug-0";
  }

  String simulatorClientId() {
    return "forewarn-demo-" + id + "-sim";
  }

  /** Where the run's rules are published and read, the rule id in place of the {@code +}. */
  String rulesTopic() {
    return "forewarn/demo/" + id + "/rules/+";
  }

  String influxDatabase() {
    return "forewarn_demo_" + id;
  }

  /** The schema the run uses in a configured PostgreSQL (an embedded one is the run's own). */
  String schema() {
    return "demo_" + id;
  }

  /** The directory, under the system's temporary directory, for what the run keeps on disk. */
  String directory() {
    return "forewarn-demo-" + id;
  }
}
