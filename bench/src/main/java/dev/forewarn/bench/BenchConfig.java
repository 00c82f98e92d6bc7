package dev.forewarn.bench;

import java.util.LinkedHashMap;
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
 * @param messages readings published in the limit and in the pipeline run
 * @param latencySeconds length of the latency run's measured part
 * @param warmUpSeconds time the latency run runs at its rate before measuring
 * @param maxInflight publisher's window of unacknowledged messages
 * @param parallelism the job's parallelism
 * @param history whether the job writes readings to InfluxDB
 */
record BenchConfig(
    String mqttUrl,
    String influxUrl,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    int devices,
    int messages,
    int latencySeconds,
    int warmUpSeconds,
    int maxInflight,
    int parallelism,
    boolean history) {

  private static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();

  static {
    OPTIONS.put(
        "--mqtt-url",
        new String[] {"FOREWARN_TEST_MQTT_URL", "tcp://127.0.0.1:11883", "MQTT broker"});
    OPTIONS.put(
        "--influx-url",
        new String[] {"FOREWARN_TEST_INFLUX_URL", "http://127.0.0.1:8086", "InfluxDB"});
    OPTIONS.put(
        "--jdbc-url",
        new String[] {
          "FOREWARN_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/forewarn_test", "PostgreSQL"
        });
    OPTIONS.put(
        "--jdbc-user", new String[] {"FOREWARN_TEST_JDBC_USER", "forewarn", "PostgreSQL user"});
    OPTIONS.put(
        "--jdbc-password",
        new String[] {"FOREWARN_TEST_JDBC_PASSWORD", "forewarn", "PostgreSQL password"});
    OPTIONS.put("--devices", new String[] {"", "10000", "devices, one threshold rule each"});
    OPTIONS.put(
        "--messages",
        new String[] {"", "300000", "readings in the limit run and in the pipeline run"});
    OPTIONS.put(
        "--latency-seconds",
        new String[] {"", "20", "length of the latency run at half the pipeline rate"});
    OPTIONS.put(
        "--warm-up-seconds",
        new String[] {"", "5", "(c) runs this long at its rate before measuring"});
    OPTIONS.put(
        "--max-inflight",
        new String[] {"", "10000", "publisher's unacknowledged messages, at most"});
    OPTIONS.put("--parallelism", new String[] {"", "2", "parallelism of the job"});
    OPTIONS.put(
        "--history",
        new String[] {"", "on", "on: the job writes InfluxDB; off: no history, to see its cost"});
  }

  BenchConfig {
    positive("--devices", devices);
    positive("--messages", messages);
    positive("--latency-seconds", latencySeconds);
    if (warmUpSeconds < 0) {
      throw new IllegalArgumentException(
          "--warm-up-seconds: must be 0 or more, was " + warmUpSeconds);
    }
    positive("--max-inflight", maxInflight);
    positive("--parallelism", parallelism);
    if (messages < devices) {
      throw new IllegalArgumentException(
          "--messages: must be at least --devices (" + devices + ")");
    }
  }

  static boolean wantsHelp(String[] args) {
    return List.of(args).contains("--help") || List.of(args).contains("-h");
  }

  static String help() {
    StringBuilder text =
        new StringBuilder(
            "Usage: ./forewarn bench ingest [options]\n\n"
                + "(a) limit: a Paho publisher and a subscriber that does nothing, QoS 1;\n"
                + "(b) pipeline: the same publisher feeding the job, a rule per device, InfluxDB on;\n"
                + "(c) latency from publish to stored case event, at half the pipeline's rate.\n\n");
    OPTIONS.forEach(
        (flag, spec) ->
            text.append(
                String.format(
                    "  %-18s %s (default %s%s)%n",
                    flag, spec[2], spec[1], spec[0].isEmpty() ? "" : ", or $" + spec[0])));
    return text.toString();
  }

  static BenchConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    OPTIONS.forEach(
        (flag, spec) ->
            values.put(flag, spec[0].isEmpty() ? spec[1] : env.getOrDefault(spec[0], spec[1])));
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.containsKey(args[i])) {
        throw new IllegalArgumentException(
            args[i] + ": unknown option; known: " + String.join(", ", OPTIONS.keySet()));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + ": needs a value");
      }
      values.put(args[i], args[i + 1]);
    }
    return new BenchConfig(
        values.get("--mqtt-url"),
        values.get("--influx-url"),
        values.get("--jdbc-url"),
        values.get("--jdbc-user"),
        values.get("--jdbc-password"),
        number(values, "--devices"),
        number(values, "--messages"),
        number(values, "--latency-seconds"),
        number(values, "--warm-up-seconds"),
        number(values, "--max-inflight"),
        number(values, "--parallelism"),
        onOff(values, "--history"));
  }

  private static int number(Map<String, String> values, String flag) {
    try {
      return Integer.parseInt(values.get(flag).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          flag + ": not a whole number: \"" + values.get(flag) + "\"");
    }
  }

  private static boolean onOff(Map<String, String> values, String flag) {
    return switch (values.get(flag).trim()) {
      case "on" -> true;
      case "off" -> false;
      default ->
          throw new IllegalArgumentException(
              flag + ": on or off, was \"" + values.get(flag) + "\"");
    };
  }

  private static void positive(String flag, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(flag + ": must be at least 1, was " + value);
    }
  }
}
