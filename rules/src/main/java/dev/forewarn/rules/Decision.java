package dev.forewarn.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What an evaluator concluded from one reading: open a case or clear it. Decisions are
 * deterministic: the same rule, state and reading give an equal decision, with the same evidence in
 * the same order and the same summary, in every JVM and locale.
 *
 * @param kind open or clear
 * @param ruleId the rule that decided
 * @param ruleVersion the version of that rule
 * @param severity the rule's severity
 * @param at event time of the reading that decided
 * @param episodeStart event time at which the breach behind this case began; the open and the clear
 *     of one case carry the same episode start
 * @param evidence named finite numbers behind the decision, sorted by name; each rule type
 *     documents its names (see {@code rules/README.md}); null means none
 * @param summary one plain sentence for people, e.g. "compressor_temp_c above 85.0 for 2m (now
 *     86.4)"
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
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(episodeStart, "episodeStart");
    evidence = Evidence.copy(evidence);
    summary = summary == null ? "" : summary;
  }
}
