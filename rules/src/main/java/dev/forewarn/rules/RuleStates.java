package dev.forewarn.rules;

/** Compact binary form of rule states. */
public final class RuleStates {

  private RuleStates() {}

  /** Encodes a state. */
  public static byte[] encode(RuleState state) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Decodes a state. */
  public static RuleState decode(byte[] bytes) {
    throw new UnsupportedOperationException("not yet");
  }
}
