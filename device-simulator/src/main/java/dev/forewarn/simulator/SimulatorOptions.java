package dev.forewarn.simulator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's command-line options in one table, so that parsing, defaults and {@code --help}
 * can never disagree. Values are read as text here and typed by {@link OptionValues}.
 */
final class SimulatorOptions {

  /** One option: its name, what its argument looks like, its default and what it does. */
  record Option(String name, String arg, String defaultValue, String help) {}

  static final String DEFAULT_MQTT_URL = "tcp://127.0.0.1:11883";
  static final String MQTT_URL_ENV = "FOREWARN_MQTT_URL";

  static final List<Option> ALL =
      List.of(
          new Option(
              "--mqtt-url", "URL", "$" + MQTT_URL_ENV + " or " + DEFAULT_MQTT_URL, "MQTT broker"),
          new Option("--client-id", "ID", "forewarn-sim-<random>", "MQTT client id (prefix)"),
          new Option("--qos", "0|1|2", "1", "QoS of telemetry messages"),
          new Option(
              "--format",
              "json|senml|sparkplug",
              "json",
              "json: Forewarn JSON with seq on devices/{id}/telemetry; senml: a SenML pack"
                  + " without seq on devices/{id}/senml; sparkplug: each device an edge node of"
                  + " Sparkplug B group forewarn (NBIRTH, then NDATA by alias), which the job names"
                  + " forewarn.{id} when started with --sparkplug-groups forewarn"),
          new Option(
              "--max-inflight",
              "N",
              "1000",
              "messages published and not yet acknowledged, at most"),
          new Option(
              "--device-connections",
              "N",
              "20",
              "one connection per device, each with its own last will, when --devices <= N;"
                  + " above, one shared connection whose will covers the fleet"),
          new Option("--devices", "N", "10", "devices in the fleet"),
          new Option("--device-prefix", "TEXT", "sim-", "device ids are TEXT + a number"),
          new Option("--model", "NAME", "AC-200", "product model every device reports"),
          new Option("--rate", "MSGS_PER_S", "10", "telemetry messages per second, whole fleet"),
          new Option("--duration", "SECONDS", "60", "wall-clock run time"),
          new Option("--readings", "N", "0", "stop after N readings per device (0: no limit)"),
          new Option("--time-scale", "X", "1", "simulated seconds per wall-clock second"),
          new Option("--start", "INSTANT", "now", "simulated time of the first reading (ISO-8601)"),
          new Option(
              "--degrading",
              "N|SHARE",
              "0.1",
              "devices that degrade slowly to the failure level; a share (0.1, 10%) of --devices"
                  + " is rounded up"),
          new Option(
              "--sudden", "N|SHARE", "0", "devices with a sudden fault (a step past the level)"),
          new Option("--offline", "N|SHARE", "0", "devices that stop sending part-way"),
          new Option("--failure-level", "CELSIUS", "95", "compressor temperature of a failure"),
          new Option(
              "--failure-after",
              "DURATION",
              "drawn per device in 60-90% of the run",
              "simulated time from start to failure (90, 90s, 15m, 2h, 1d or PT2H)"),
          new Option(
              "--ramp", "DURATION", "2/3 of the time to failure", "simulated length of the climb"),
          new Option("--noise", "CELSIUS", "0.3", "standard deviation of temperature noise"),
          new Option("--gap-rate", "SHARE", "0", "share of readings never sent"),
          new Option("--duplicate-rate", "SHARE", "0", "share of readings sent twice"),
          new Option(
              "--out-of-order-rate", "SHARE", "0", "share of readings sent after the next one"),
          new Option("--seed", "N", "42", "seed of everything random: same seed, same fleet"),
          new Option(
              "--ground-truth",
              "FILE",
              "-: none",
              "CSV of each device's scenario and failure time"),
          new Option("--help", "", "", "print this help"));

  private SimulatorOptions() {}

  /**
   * Reads {@code --name value} and {@code --name=value} pairs.
   *
   * @throws IllegalArgumentException naming an unknown option or one without a value
   */
  static OptionValues read(String[] args) {
    Map<String, Option> byName = new HashMap<>();
    ALL.forEach(option -> byName.put(option.name(), option));
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String name = equals > 0 ? arg.substring(0, equals) : arg;
      if (!byName.containsKey(name)) {
        throw new IllegalArgumentException(name + ": unknown option");
      }
      if (equals > 0) {
        given.put(name, arg.substring(equals + 1));
      } else if (i + 1 < args.length) {
        given.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException(name + ": missing value");
      }
    }
    return new OptionValues(given);
  }

  /** Whether the arguments ask for help rather than a run. */
  static boolean wantsHelp(String[] args) {
    return List.of(args).contains("--help") || List.of(args).contains("-h");
  }

  /** The help text: every option with its argument, default and meaning. */
  static String usage() {
    StringBuilder text =
        new StringBuilder("usage: ./forewarn simulate [options]\n\nOptions (default):\n");
    for (Option option : ALL) {
      String head = option.name() + (option.arg().isEmpty() ? "" : " " + option.arg());
      String fallback = option.defaultValue().isEmpty() ? "" : " (" + option.defaultValue() + ")";
      text.append(String.format("  %-32s %s%s%n", head, option.help(), fallback));
    }
    return text.append("\nEnvironment: ")
        .append(MQTT_URL_ENV)
        .append(" sets the broker when --mqtt-url is not given.\n")
        .toString();
  }
}
