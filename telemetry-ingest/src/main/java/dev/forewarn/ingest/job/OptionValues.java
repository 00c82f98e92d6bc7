package dev.forewarn.ingest.job;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw option values, resolved once: a command-line argument wins over the environment, which
 * wins over the default. Typed reads fail with a message naming the option and the bad value.
 */
final class OptionValues {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private final Map<IngestOption, String> values = new EnumMap<>(IngestOption.class);

  private OptionValues() {}

  static OptionValues resolve(String[] args, Map<String, String> environment) {
    OptionValues resolved = new OptionValues();
    for (IngestOption option : IngestOption.values()) {
      String fromEnvironment = environment.get(option.environmentVariable());
      resolved.values.put(
          option, fromEnvironment != null ? fromEnvironment : option.defaultValue());
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      IngestOption option = find(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
      if (arg.contains("=")) {
        resolved.values.put(option, arg.substring(arg.indexOf('=') + 1));
      } else if (i + 1 < args.length) {
        resolved.values.put(option, args[++i]);
      } else {
        throw new IllegalArgumentException(arg + ": missing value");
      }
    }
    return resolved;
  }

  private static IngestOption find(String flag) {
    for (IngestOption option : IngestOption.values()) {
      if (option.flag().equals(flag)) {
        return option;
      }
    }
    throw new IllegalArgumentException(flag + ": unknown option (see --help)");
  }

  String text(IngestOption option) {
    return values.get(option).trim();
  }

  String required(IngestOption option) {
    String value = text(option);
    if (value.isEmpty()) {
      throw bad(option, value, "a value is required");
    }
    return value;
  }

  int positiveInt(IngestOption option) {
    int value = wholeNumber(option);
    if (value < 1) {
      throw bad(option, text(option), "expected a whole number of 1 or more");
    }
    return value;
  }

  int wholeNumber(IngestOption option) {
    try {
      int value = Integer.parseInt(text(option));
      if (value < 0) {
        throw bad(option, text(option), "expected a whole number of 0 or more");
      }
      return value;
    } catch (NumberFormatException e) {
      throw bad(option, text(option), "expected a whole number");
    }
  }

  /** A positive duration: {@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h} or ISO-8601. */
  Duration duration(IngestOption option) {
    String text = text(option);
    Duration value;
    Matcher shortForm = SHORT_DURATION.matcher(text);
    try {
      value = shortForm.matches() ? shortDuration(shortForm) : Duration.parse(text);
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw bad(option, text, "expected a duration like 500ms, 1s, 2m, 1h or PT1S");
    }
    if (value.isNegative() || value.isZero()) {
      throw bad(option, text, "expected a duration greater than zero");
    }
    return value;
  }

  /** An ISO-8601 instant such as {@code 2000-01-01T00:00:00Z}. */
  Instant instant(IngestOption option) {
    String text = text(option);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw bad(option, text, "expected an instant like 2000-01-01T00:00:00Z");
    }
  }

  private static Duration shortDuration(Matcher form) {
    long amount = Long.parseLong(form.group(1));
    switch (form.group(2)) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      default:
        return Duration.ofHours(amount);
    }
  }

  private static IllegalArgumentException bad(IngestOption option, String value, String problem) {
    String shown = option.isSecret() ? "***" : value;
    return new IllegalArgumentException(
        option.flag()
            + " (or "
            + option.environmentVariable()
            + "): "
            + problem
            + ", got '"
            + shown
            + "'");
  }
}
