package dev.forewarn.demo;

import dev.forewarn.simulator.mqtt.WireFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's options, parsed once from arguments and environment.
 *
 * @param duration seconds to run before stopping cleanly; 0 runs until interrupted
 * @param port HTTP port of the outreach service
 * @param devices simulated devices
 * @param degrading of which this many degrade slowly toward failure
 * @param timeScale simulated seconds per wall-clock second
 * @param mqttUrl a broker to use instead of looking for one
 * @param jdbcUrl a PostgreSQL to use instead of the embedded one
 * @param jdbcUser its user
 * @param jdbcPassword its password
 * @param influxUrl an InfluxDB to use instead of looking for one
 * @param format what the simulated devices speak
 */
record DemoConfig(
    int duration,
    int port,
    int devices,
    int degrading,
    int timeScale,
    Optional<String> mqttUrl,
    Optional<String> jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    Optional<String> influxUrl,
    WireFormat.Kind format) {

  private static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();

  static {
    option(
        "--duration",
        "0",
        "SECONDS: stop cleanly after this long and print a summary; 0 runs until Ctrl-C or"
            + " SIGTERM, which stop it just as cleanly");
    option("--port", "8080", "PORT: where the outreach service and its API listen");
    option("--devices", "20", "N: simulated devices, one reading per second each");
    option(
        "--degrading",
        "3",
        "N: devices that degrade toward failure (95 °C), reaching it 60 s into the run (at 60% of"
            + " a shorter --duration, 15 s at the least); their cases open within seconds of that");
    option("--time-scale", "60", "X: simulated seconds per wall-clock second");
    option(
        "--mqtt-url",
        "$FOREWARN_MQTT_URL, else a local Mosquitto, else in-process",
        "URL: MQTT broker");
    option("--jdbc-url", "$FOREWARN_JDBC_URL, else embedded PostgreSQL", "URL: PostgreSQL");
    option("--jdbc-user", "$FOREWARN_JDBC_USER or forewarn", "USER: PostgreSQL user");
    option(
        "--jdbc-password", "$FOREWARN_JDBC_PASSWORD or forewarn", "PASSWORD: PostgreSQL password");
    option(
        "--influx-url",
        "$FOREWARN_INFLUX_URL, else a local or installed InfluxDB, else off",
        "URL: InfluxDB");
    option(
        "--format",
        "json",
        "json|senml|sparkplug: what the simulated devices speak (Forewarn JSON, SenML packs, or"
            + " Sparkplug B edge nodes of group "
            + WireFormat.SPARKPLUG_GROUP
            + ")");
  }

  private static void option(String flag, String defaultValue, String description) {
    OPTIONS.put(flag, new String[] {defaultValue, description});
  }

  DemoConfig {
    if (duration < 0) {
      throw new IllegalArgumentException("--duration: must be 0 or more seconds, was " + duration);
    }
    if (devices < 1) {
      throw new IllegalArgumentException("--devices: must be at least 1, was " + devices);
    }
    if (degrading < 0 || degrading > devices) {
      throw new IllegalArgumentException(
          "--degrading: must be between 0 and --devices (" + devices + "), was " + degrading);
    }
    if (timeScale < 1) {
      throw new IllegalArgumentException("--time-scale: must be at least 1, was " + timeScale);
    }
  }

  static boolean wantsHelp(String[] args) {
    return List.of(args).contains("--help") || List.of(args).contains("-h");
  }

  static String help() {
    StringBuilder text =
        new StringBuilder(
            "Usage: ./forewarn demo [options]\n\n"
                + "Runs the simulator, the telemetry job and the outreach service together.\n\n");
    OPTIONS.forEach(
        (flag, spec) ->
            text.append(
                String.format("  %-16s %s%n  %-16s default: %s%n", flag, spec[1], "", spec[0])));
    return text.toString();
  }

  static DemoConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> given = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      if (!OPTIONS.containsKey(flag)) {
        throw new IllegalArgumentException(
            flag + ": unknown option; known: " + String.join(", ", OPTIONS.keySet()));
      }
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(flag + ": needs a value");
      }
      given.put(flag, rest.remove(0));
    }
    return new DemoConfig(
        number(given, "--duration", 0),
        number(given, "--port", 8080),
        number(given, "--devices", 20),
        number(given, "--degrading", 3),
        number(given, "--time-scale", 60),
        text(given, "--mqtt-url", env.get("FOREWARN_MQTT_URL")),
        text(given, "--jdbc-url", env.get("FOREWARN_JDBC_URL")),
        text(given, "--jdbc-user", env.get("FOREWARN_JDBC_USER")).orElse("forewarn"),
        text(given, "--jdbc-password", env.get("FOREWARN_JDBC_PASSWORD")).orElse("forewarn"),
        text(given, "--influx-url", env.get("FOREWARN_INFLUX_URL")),
        format(given.getOrDefault("--format", "json")));
  }

  private static WireFormat.Kind format(String name) {
    try {
      return WireFormat.Kind.parse(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format: " + e.getMessage(), e);
    }
  }

  private static int number(Map<String, String> given, String flag, int fallback) {
    String value = given.get(flag);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + ": not a whole number: \"" + value + "\"");
    }
  }

  private static Optional<String> text(Map<String, String> given, String flag, String env) {
    String value = given.getOrDefault(flag, env);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
