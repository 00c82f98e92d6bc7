package dev.forewarn.simulator;

import dev.forewarn.simulator.fleet.FleetSettings;
import dev.forewarn.simulator.fleet.Impairments;
import dev.forewarn.simulator.fleet.Pace;
import dev.forewarn.simulator.mqtt.MqttSettings;
import dev.forewarn.simulator.mqtt.WireFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Everything one simulator run needs, parsed once from the command line and the environment. The
 * options are listed, with their defaults, by {@code --help} and in the module README.
 *
 * @param mqtt how to reach the broker
 * @param fleet the devices and their scenarios
 * @param pace message rate, duration and the simulated clock
 * @param impairments noise, gaps, duplicates and late readings
 * @param groundTruth where the ground-truth CSV is written at start; empty for nowhere
 */
public record SimulatorConfig(
    MqttSettings mqtt,
    FleetSettings fleet,
    Pace pace,
    Impairments impairments,
    Optional<Path> groundTruth) {

  public SimulatorConfig {
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(pace, "pace");
    Objects.requireNonNull(impairments, "impairments");
    Objects.requireNonNull(groundTruth, "groundTruth");
  }

  /**
   * A configuration from options alone, ignoring the environment: for code that embeds the
   * simulator, e.g. {@code SimulatorConfig.fromArgs("--devices", "20", "--degrading", "1")}.
   *
   * @throws IllegalArgumentException naming the option that is unknown or invalid
   */
  public static SimulatorConfig fromArgs(String... args) {
    return parse(args, Map.of());
  }

  /**
   * Parses command-line options; the environment supplies {@code FOREWARN_MQTT_URL} when {@code
   * --mqtt-url} is not given.
   *
   * @throws IllegalArgumentException naming the option that is unknown or invalid
   */
  public static SimulatorConfig parse(String[] args, Map<String, String> env) {
    OptionValues values = SimulatorOptions.read(args);
    int devices = values.intAtLeast("--devices", 10, 1);
    return new SimulatorConfig(
        mqtt(values, env),
        fleet(values, devices),
        pace(values),
        impairments(values),
        groundTruth(values));
  }

  private static WireFormat.Kind format(String name) {
    try {
      return WireFormat.Kind.parse(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format: " + e.getMessage(), e);
    }
  }

  private static MqttSettings mqtt(OptionValues values, Map<String, String> env) {
    String envUrl = env.getOrDefault(SimulatorOptions.MQTT_URL_ENV, "");
    String url =
        values.text("--mqtt-url", envUrl.isBlank() ? SimulatorOptions.DEFAULT_MQTT_URL : envUrl);
    String clientId =
        values.text(
            "--client-id",
            "forewarn-sim-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16));
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("--client-id: must not be blank");
    }
    int qos = values.intAtLeast("--qos", 1, 0);
    if (qos > 2) {
      throw new IllegalArgumentException("--qos: expected 0, 1 or 2, got '" + qos + "'");
    }
    int maxInflight = values.intAtLeast("--max-inflight", 1000, 1);
    if (maxInflight > MqttSettings.MAX_INFLIGHT_LIMIT) {
      throw new IllegalArgumentException(
          "--max-inflight: at most " + MqttSettings.MAX_INFLIGHT_LIMIT + ", got " + maxInflight);
    }
    return new MqttSettings(
        url,
        clientId,
        qos,
        maxInflight,
        values.intAtLeast("--device-connections", 20, 0),
        format(values.text("--format", "json")));
  }

  private static FleetSettings fleet(OptionValues values, int devices) {
    String prefix = values.text("--device-prefix", "sim-");
    if (prefix.contains("/") || prefix.contains("+") || prefix.contains("#")) {
      throw new IllegalArgumentException(
          "--device-prefix: must not contain /, + or # (it becomes part of an MQTT topic), got '"
              + prefix
              + "'");
    }
    int degrading = values.devicesOf("--degrading", "0.1", devices);
    int sudden = values.devicesOf("--sudden", "0", devices);
    if (degrading + sudden > devices) {
      throw new IllegalArgumentException(
          "--degrading + --sudden: "
              + degrading
              + " + "
              + sudden
              + " devices exceed --devices ("
              + devices
              + ")");
    }
    return new FleetSettings(
        devices,
        prefix,
        values.text("--model", "AC-200"),
        degrading,
        sudden,
        values.devicesOf("--offline", "0", devices),
        values.positive("--failure-level", 95),
        values.duration("--failure-after"),
        values.duration("--ramp"),
        values.longAtLeast("--seed", 42, Long.MIN_VALUE));
  }

  private static Pace pace(OptionValues values) {
    double durationSeconds = values.positive("--duration", 60);
    return new Pace(
        values.positive("--rate", 10),
        Duration.ofNanos(Math.round(durationSeconds * 1e9)),
        values.longAtLeast("--readings", 0, 0),
        values.positive("--time-scale", 1),
        values.instant("--start").orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS)));
  }

  private static Impairments impairments(OptionValues values) {
    return new Impairments(
        values.nonNegative("--noise", 0.3),
        values.share("--gap-rate"),
        values.share("--duplicate-rate"),
        values.share("--out-of-order-rate"));
  }

  private static Optional<Path> groundTruth(OptionValues values) {
    String file = values.text("--ground-truth", "-");
    if (file.isBlank()) {
      throw new IllegalArgumentException("--ground-truth: expected a file name or -, got ''");
    }
    return file.equals("-") ? Optional.empty() : Optional.of(Path.of(file));
  }
}
