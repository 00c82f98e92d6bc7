package dev.forewarn.rules.document;

/** How urgent a case is; it decides channel order and whether quiet hours may be overridden. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL
}
