package dev.forewarn.rules.document;

import dev.forewarn.rules.condition.Direction;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks shared by every rule type, so a rule built in code is held to the same constraints as one
 * parsed from JSON and fails with the same field names.
 */
public final class RuleChecks {

  /** Lowercase letters, digits and dashes, starting with a letter or digit, at most 64 long. */
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** The most time buckets a windowed condition may keep, which bounds its state. */
  public static final int MAX_BUCKETS = 60;

  private RuleChecks() {}

  static void common(String id, int version, String name, Scope scope, Severity severity) {
    if (id == null) {
      throw new RuleValidationException("id", "required");
    }
    if (!ID.matcher(id).matches()) {
      throw new RuleValidationException(
          "id",
          "\""
              + id
              + "\" is not a valid id: use 1 to 64 lowercase letters, digits and dashes,"
              + " starting with a letter or digit");
    }
    if (version < 1) {
      throw new RuleValidationException("version", "must be 1 or more, got " + version);
    }
    if (name == null || name.isBlank()) {
      throw new RuleValidationException("name", "must not be blank");
    }
    present(scope, "scope");
    present(severity, "severity");
  }

  public static <T> T present(T value, String field) {
    if (value == null) {
      throw new RuleValidationException(field, "required");
    }
    return value;
  }

  public static void finite(double value, String field) {
    if (!Double.isFinite(value)) {
      throw new RuleValidationException(field, "must be a finite number, got " + value);
    }
  }

  /** A metric name, device id or model: not blank and without surrounding spaces (a typo). */
  public static void word(String value, String field, String what) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new RuleValidationException(field, what + " must not be blank");
    }
    if (!value.strip().equals(value)) {
      throw new RuleValidationException(
          field, what + " \"" + value + "\" must not start or end with spaces");
    }
  }

  public static void metric(String metric) {
    present(metric, "metric");
    word(metric, "metric", "metric name");
  }

  /** The clear level is on the good side of the level, or equal to it. */
  public static void goodSide(
      Direction direction, double level, double clearLevel, String levelField, String clearField) {
    if (direction.breaches(clearLevel, level)) {
      throw new RuleValidationException(
          clearField,
          "must be at or "
              + (direction == Direction.ABOVE ? "below" : "above")
              + " "
              + levelField
              + " ("
              + level
              + ") for a rule that fires "
              + direction.word()
              + " it, got "
              + clearLevel);
    }
  }

  public static void positive(Duration value, String field) {
    present(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new RuleValidationException(field, "must be more than zero, got " + value);
    }
  }

  public static void notNegative(Duration value, String field) {
    present(value, field);
    if (value.isNegative()) {
      throw new RuleValidationException(field, "must be zero or more, got " + value);
    }
  }

  public static void positive(double value, String field) {
    finite(value, field);
    if (value <= 0) {
      throw new RuleValidationException(field, "must be more than zero, got " + value);
    }
  }

  public static void notNegative(double value, String field) {
    finite(value, field);
    if (value < 0) {
      throw new RuleValidationException(field, "must be zero or more, got " + value);
    }
  }

  public static void fraction(double value, String field) {
    finite(value, field);
    if (value < 0 || value > 1) {
      throw new RuleValidationException(field, "must be from 0 to 1, got " + value);
    }
  }

  /** A list of 1 to {@code most} entries, such as a condition's metrics. */
  public static void oneTo(List<?> values, int most, String field, String what) {
    present(values, field);
    if (values.isEmpty() || values.size() > most) {
      throw new RuleValidationException(
          field, "must hold 1 to " + most + " " + what + ", got " + values.size());
    }
  }

  /** A forecast's clear horizon, which may not be nearer than the horizon that opens. */
  public static void horizons(Duration horizon, Duration clearHorizon) {
    positive(horizon, "horizon");
    present(clearHorizon, "clearHorizon");
    if (clearHorizon.compareTo(horizon) < 0) {
      throw new RuleValidationException(
          "clearHorizon", "must be at least horizon (" + horizon + "), got " + clearHorizon);
    }
  }

  public static void atLeast(int value, int least, String field) {
    if (value < least) {
      throw new RuleValidationException(field, "must be " + least + " or more, got " + value);
    }
  }

  /** A window split into buckets of at least one second each. */
  public static void window(Duration window, int buckets, int leastBuckets) {
    if (buckets < leastBuckets || buckets > MAX_BUCKETS) {
      throw new RuleValidationException(
          "buckets", "must be from " + leastBuckets + " to " + MAX_BUCKETS + ", got " + buckets);
    }
    positive(window, "window");
    if (window.toMillis() / buckets < 1000) {
      throw new RuleValidationException(
          "window",
          "must give each of the " + buckets + " buckets a second or more, got " + window);
    }
  }
}
