package dev.forewarn.bench;

import dev.forewarn.simulator.mqtt.WireFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Options of the ingest benchmark, parsed once from {@code --name value} arguments and the same
 * {@code FOREWARN_TEST_*} variables the integration tests use.
 *
 * @param mqttUrl the broker, which should run Forewarn's configuration
 * @param influxUrl InfluxDB for the history sink
 * @param jdbcUrl PostgreSQL for case events (a fresh schema is made and dropped)
 * @param jdbcUser its user
 * @param jdbcPassword its password
 * @param devices devices, each with its own threshold rule
 * @param messages readings measured in the limit and in the pipeline run
 * @param warmUpMessages readings published before those, unmeasured, in both runs
 * @param latencySeconds length of the latency run's measured part
 * @param warmUpSeconds time the latency run runs at its rate before measuring
 * @param maxInflight publisher's window of unacknowledged messages
 * @param parallelism the job's parallelism
 * @param history whether the job writes readings to InfluxDB
 * @param formats the wire formats (b) runs with, one job each; (c) runs with json only
 */
record BenchConfig(
    String mqttUrl,
    String influxUrl,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    int devices,
    int messages,
    int warmUpMessages,
    int latencySeconds,
    int warmUpSeconds,
    int maxInflight,
    int parallelism,
    boolean history,
    List<WireFormat.Kind> formats) {

  private static final Options OPTIONS =
      new Options(
              "Usage: ./forewarn bench ingest [options]\n\n"
                  + "(a) limit: a Paho publisher and a subscriber that does nothing, QoS 1;\n"
                  + "(b) pipeline: the same publisher feeding the job, a rule per device, InfluxDB"
                  + " on;\n"
                  + "(c) latency from publish to stored case event, at half the pipeline's rate.\n\n")
          .add("--mqtt-url", "FOREWARN_TEST_MQTT_URL", "tcp://127.0.0.1:11883", "MQTT broker")
          .add("--influx-url", "FOREWARN_TEST_INFLUX_URL", "http://127.0.0.1:8086", "InfluxDB")
          .add(
              "--jdbc-url",
              "FOREWARN_TEST_JDBC_URL",
              "jdbc:postgresql://127.0.0.1:5432/forewarn_test",
              "PostgreSQL")
          .add("--jdbc-user", "FOREWARN_TEST_JDBC_USER", "forewarn", "PostgreSQL user")
          .add("--jdbc-password", "FOREWARN_TEST_JDBC_PASSWORD", "forewarn", "PostgreSQL password")
          .add("--devices", "", "10000", "devices, one threshold rule each")
          .add("--messages", "", "300000", "readings measured in the limit and the pipeline run")
          .add(
              "--warm-up-messages",
              "",
              "100000",
              "readings sent through (a) and (b) before measuring, in whole rounds of --devices")
          .add("--latency-seconds", "", "20", "length of the latency run at half the pipeline rate")
          .add("--warm-up-seconds", "", "5", "(c) runs this long at its rate before measuring")
          .add("--max-inflight", "", "10000", "publisher's unacknowledged messages, at most")
          .add(
              "--parallelism",
              "",
              "1",
              "parallelism of the job; the publisher, broker and InfluxDB share the machine")
          .add(
              "--history",
              "",
              "on",
              "on: the job writes InfluxDB; off: no history, to see its cost")
          .add(
              "--format",
              "",
              "json",
              "wire formats, comma-separated (json, senml, sparkplug): (b) runs once per format,"
                  + " each with a job of its own, and reports readings per second and the"
                  + " benchmark process's CPU per reading; (c) runs with json only");

  BenchConfig {
    Options.positive("--devices", devices);
    Options.positive("--messages", messages);
    if (warmUpMessages < 0) {
      throw new IllegalArgumentException(
          "--warm-up-messages: must be 0 or more, was " + warmUpMessages);
    }
    Options.positive("--latency-seconds", latencySeconds);
    if (warmUpSeconds < 0) {
      throw new IllegalArgumentException(
          "--warm-up-seconds: must be 0 or more, was " + warmUpSeconds);
    }
    Options.positive("--max-inflight", maxInflight);
    Options.positive("--parallelism", parallelism);
    if (messages < devices) {
      throw new IllegalArgumentException(
          "--messages: must be at least --devices (" + devices + ")");
    }
  }

  static boolean wantsHelp(String[] args) {
    return Options.wantsHelp(args);
  }

  static String help() {
    return OPTIONS.help();
  }

  static BenchConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> values = OPTIONS.parse(args, env);
    return new BenchConfig(
        values.get("--mqtt-url"),
        values.get("--influx-url"),
        values.get("--jdbc-url"),
        values.get("--jdbc-user"),
        values.get("--jdbc-password"),
        Options.number(values, "--devices"),
        Options.number(values, "--messages"),
        Options.number(values, "--warm-up-messages"),
        Options.number(values, "--latency-seconds"),
        Options.number(values, "--warm-up-seconds"),
        Options.number(values, "--max-inflight"),
        Options.number(values, "--parallelism"),
        Options.onOff(values, "--history"),
        formats(values.get("--format")));
  }

  private static List<WireFormat.Kind> formats(String text) {
    List<WireFormat.Kind> formats = new ArrayList<>();
    for (String name : text.split(",")) {
      try {
        formats.add(WireFormat.Kind.parse(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--format: " + e.getMessage(), e);
      }
    }
    return List.copyOf(formats);
  }
}
