package dev.forewarn.ingest.runs;

import java.util.regex.Pattern;

/** Checks shared by the leftovers' constructors: a ledger line is fields separated by spaces. */
final class LedgerFields {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  private LedgerFields() {}

  static void require(String value, String name) {
    if (value == null || value.isBlank() || value.contains(" ") || value.contains("\n")) {
      throw new IllegalArgumentException(name + ": must be one word, was \"" + value + "\"");
    }
  }

  static void identifier(String value, String name) {
    if (value == null || !IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          name + ": must be lower-case letters, digits and _, was \"" + value + "\"");
    }
  }
}
