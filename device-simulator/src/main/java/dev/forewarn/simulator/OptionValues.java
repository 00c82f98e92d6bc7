package dev.forewarn.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text values of the given options, read into types. Every error names the option and quotes
 * what was given, so the user knows exactly what to fix.
 */
final class OptionValues {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)([smhd]?)");

  private final Map<String, String> given;

  OptionValues(Map<String, String> given) {
    this.given = Map.copyOf(given);
  }

  Optional<String> text(String name) {
    return Optional.ofNullable(given.get(name));
  }

  String text(String name, String fallback) {
    return text(name).orElse(fallback);
  }

  int intAtLeast(String name, int fallback, int min) {
    long value = longAtLeast(name, fallback, min);
    if (value > Integer.MAX_VALUE) {
      throw invalid(name, "a whole number up to " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  long longAtLeast(String name, long fallback, long min) {
    if (text(name).isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(given.get(name).trim());
      if (value < min) {
        throw invalid(name, "a whole number of at least " + min);
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalid(name, "a whole number");
    }
  }

  double positive(String name, double fallback) {
    double value = number(name, fallback);
    if (!(value > 0)) {
      throw invalid(name, "a positive number");
    }
    return value;
  }

  double nonNegative(String name, double fallback) {
    double value = number(name, fallback);
    if (!(value >= 0)) {
      throw invalid(name, "a number of zero or more");
    }
    return value;
  }

  double share(String name) {
    double value = number(name, 0);
    if (!(value >= 0 && value <= 1)) {
      throw invalid(name, "a share between 0 and 1");
    }
    return value;
  }

  /**
   * A number of devices, given as a count ({@code 3}) or as a share of the fleet ({@code 0.1} or
   * {@code 10%}, rounded up so that a share never silently becomes zero devices).
   */
  int devicesOf(String name, String fallback, int devices) {
    String value = text(name, fallback).trim();
    try {
      if (value.endsWith("%")) {
        return shareOf(
            name, Double.parseDouble(value.substring(0, value.length() - 1)) / 100, devices);
      }
      if (value.contains(".")) {
        return shareOf(name, Double.parseDouble(value), devices);
      }
      int count = Integer.parseInt(value);
      if (count < 0 || count > devices) {
        throw invalid(name, "a count between 0 and --devices (" + devices + ")");
      }
      return count;
    } catch (NumberFormatException e) {
      throw invalid(name, "a count (3) or a share of the fleet (0.1 or 10%)");
    }
  }

  /** A duration as seconds ({@code 90}), with a unit ({@code 15m}, {@code 2h}) or in ISO-8601. */
  Optional<Duration> duration(String name) {
    if (text(name).isEmpty()) {
      return Optional.empty();
    }
    String value = given.get(name).trim();
    Duration duration;
    try {
      duration = value.startsWith("P") ? Duration.parse(value) : shortDuration(name, value);
    } catch (DateTimeParseException e) {
      throw invalid(name, "a duration such as 90, 90s, 15m, 2h, 1d or PT2H");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw invalid(name, "a positive duration");
    }
    return Optional.of(duration);
  }

  Optional<Instant> instant(String name) {
    if (text(name).isEmpty() || given.get(name).equals("now")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(given.get(name).trim()));
    } catch (DateTimeParseException e) {
      throw invalid(name, "an ISO-8601 instant such as 2026-11-22T10:00:00Z, or now");
    }
  }

  private double number(String name, double fallback) {
    if (text(name).isEmpty()) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(given.get(name).trim());
      if (!Double.isFinite(value)) {
        throw invalid(name, "a finite number");
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalid(name, "a number");
    }
  }

  private int shareOf(String name, double share, int devices) {
    if (!(share >= 0 && share <= 1)) {
      throw invalid(name, "a share between 0 and 1 (or 0% and 100%)");
    }
    return (int) Math.ceil(share * devices - 1e-9);
  }

  private Duration shortDuration(String name, String value) {
    Matcher matcher = SHORT_DURATION.matcher(value);
    if (!matcher.matches()) {
      throw invalid(name, "a duration such as 90, 90s, 15m, 2h, 1d or PT2H");
    }
    double amount = Double.parseDouble(matcher.group(1));
    long unitSeconds =
        switch (matcher.group(2)) {
          case "m" -> 60;
          case "h" -> 3600;
          case "d" -> 86_400;
          default -> 1;
        };
    return Duration.ofNanos(Math.round(amount * unitSeconds * 1e9));
  }

  private IllegalArgumentException invalid(String name, String expected) {
    return new IllegalArgumentException(
        name + ": expected " + expected + ", got '" + given.get(name) + "'");
  }
}
