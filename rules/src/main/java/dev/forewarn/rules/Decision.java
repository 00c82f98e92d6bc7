package dev.forewarn.rules;

import java.time.Instant;
import java.util.Map;

/**
 * What an evaluator concluded from one reading: open a case or clear it.
 *
 * @param kind open or clear
 * @param ruleId the rule that decided
 * @param ruleVersion the version of that rule
 * @param severity the rule's severity
 * @param at event time of the reading that decided
 * @param episodeStart event time at which the breach behind this case began; the open and the clear
 *     of one case carry the same episode start
 * @param evidence named numbers behind the decision (the value, the level, the points seen)
 * @param summary one plain sentence for people, e.g. "compressor_temp_c above 85.0 for 2m"
 */
public record Decision(
    Kind kind,
    String ruleId,
    int ruleVersion,
    Severity severity,
    Instant at,
    Instant episodeStart,
    Map<String, Double> evidence,
    String summary) {

  /** Open a case or clear it. */
  public enum Kind {
    OPEN,
    CLEAR
  }

  public Decision {
    evidence = Map.copyOf(evidence);
  }
}
