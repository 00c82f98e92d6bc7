package dev.forewarn.rules;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks shared by every rule type, so a rule built in code is held to the same constraints as one
 * parsed from JSON and fails with the same field names.
 */
final class RuleChecks {

  /** Lowercase letters, digits and dashes, starting with a letter or digit, at most 64 long. */
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

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

  static <T> T present(T value, String field) {
    if (value == null) {
      throw new RuleValidationException(field, "required");
    }
    return value;
  }

  static void finite(double value, String field) {
    if (!Double.isFinite(value)) {
      throw new RuleValidationException(field, "must be a finite number, got " + value);
    }
  }

  /** A metric name, device id or model: not blank and without surrounding spaces (a typo). */
  static void word(String value, String field, String what) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new RuleValidationException(field, what + " must not be blank");
    }
    if (!value.strip().equals(value)) {
      throw new RuleValidationException(
          field, what + " \"" + value + "\" must not start or end with spaces");
    }
  }
}
