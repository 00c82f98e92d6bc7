package dev.forewarn.outreach.templates;

/** Answers to an inbound SMS; each has a template {@code reply.NAME}. */
public enum Reply {
  HELP,
  UNKNOWN,
  ACKNOWLEDGED,
  BOOKED,
  SNOOZED,
  STARTED,
  THANKS,
  NO_CASE
}
