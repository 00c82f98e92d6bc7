package dev.forewarn.outreach.templates;

import java.util.Locale;
import java.util.Optional;

/** The steps of a case thread that send a proactive message; the code names the outbox step. */
public enum Step {
  OPENED,
  UPDATED,
  REMINDER,
  ALL_CLEAR,
  SURVEY;

  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Step fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** The step an outbox step code names: its code, or its code and a refinement after a dash. */
  public static Optional<Step> ofOutboxStep(String code) {
    for (Step step : values()) {
      if (code.equals(step.code()) || code.startsWith(step.code() + "-")) {
        return Optional.of(step);
      }
    }
    return Optional.empty();
  }
}
