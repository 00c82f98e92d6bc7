package dev.forewarn.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --name value} options of one benchmark: each with a default, optionally an environment
 * variable that replaces the default, and a line of help. Parsing gives the values as text; the
 * benchmark's config record turns them into types with errors that name the option.
 */
final class Options {

  private record Option(String env, String fallback, String meaning) {}

  private final String usage;
  private final Map<String, Option> options = new LinkedHashMap<>();

  /**
   * @param usage the help text's first lines, ending in a blank line
   */
  Options(String usage) {
    this.usage = usage;
  }

  /** An option whose default an environment variable ({@code env}, may be empty) can replace. */
  Options add(String flag, String env, String fallback, String meaning) {
    options.put(flag, new Option(env, fallback, meaning));
    return this;
  }

  /** The PostgreSQL options of a benchmark on the services of scripts/services.sh. */
  Options postgres() {
    return add(
            "--jdbc-url",
            "FOREWARN_TEST_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/forewarn_test",
            "PostgreSQL")
        .add("--jdbc-user", "FOREWARN_TEST_JDBC_USER", "forewarn", "PostgreSQL user")
        .add("--jdbc-password", "FOREWARN_TEST_JDBC_PASSWORD", "forewarn", "PostgreSQL password");
  }

  /** The MQTT, InfluxDB and PostgreSQL options of a benchmark on those services. */
  Options services() {
    return add("--mqtt-url", "FOREWARN_TEST_MQTT_URL", "tcp://127.0.0.1:11883", "MQTT broker")
        .add("--influx-url", "FOREWARN_TEST_INFLUX_URL", "http://127.0.0.1:8086", "InfluxDB")
        .postgres();
  }

  static boolean wantsHelp(String[] args) {
    return List.of(args).contains("--help") || List.of(args).contains("-h");
  }

  String help() {
    StringBuilder text = new StringBuilder(usage);
    options.forEach(
        (flag, option) ->
            text.append(
                String.format(
                    "  %-18s %s (default %s%s)%n",
                    flag,
                    option.meaning(),
                    option.fallback(),
                    option.env().isEmpty() ? "" : ", or $" + option.env())));
    return text.toString();
  }

  /** Every option's value: from the arguments, else the environment, else the default. */
  Map<String, String> parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    options.forEach(
        (flag, option) ->
            values.put(
                flag,
                option.env().isEmpty()
                    ? option.fallback()
                    : env.getOrDefault(option.env(), option.fallback())));
    for (int i = 0; i < args.length; i += 2) {
      if (!options.containsKey(args[i])) {
        throw new IllegalArgumentException(
            args[i] + ": unknown option; known: " + String.join(", ", options.keySet()));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + ": needs a value");
      }
      values.put(args[i], args[i + 1]);
    }
    return values;
  }

  static int number(Map<String, String> values, String flag) {
    try {
      return Integer.parseInt(values.get(flag).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          flag + ": not a whole number: \"" + values.get(flag) + "\"");
    }
  }

  static boolean onOff(Map<String, String> values, String flag) {
    String value = values.get(flag).trim();
    if (value.equals("on") || value.equals("off")) {
      return value.equals("on");
    }
    throw new IllegalArgumentException(flag + ": on or off, was \"" + values.get(flag) + "\"");
  }

  static void positive(String flag, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(flag + ": must be at least 1, was " + value);
    }
  }
}
