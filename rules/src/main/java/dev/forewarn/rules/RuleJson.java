package dev.forewarn.rules;

/** Reads and writes rule documents (JSON). */
public final class RuleJson {

  private RuleJson() {}

  /** Parses and validates one rule document. */
  public static Rule parse(String json) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Writes a rule as its JSON document. */
  public static String toJson(Rule rule) {
    throw new UnsupportedOperationException("not yet");
  }
}
