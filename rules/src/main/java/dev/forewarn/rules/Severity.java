package dev.forewarn.rules;

/** How urgent a case is; it decides channel order and whether quiet hours may be overridden. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL
}
