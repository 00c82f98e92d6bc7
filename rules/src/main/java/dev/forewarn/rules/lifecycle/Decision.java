package dev.forewarn.rules.lifecycle;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.document.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the case lifecycle concluded at one event time: open a case, update it, or clear it.
 * Decisions are deterministic: the same rule, state and reading give an equal decision, with the
 * same evidence in the same order and the same summary, in every JVM and locale.
 *
 * @param kind open, update or clear
 * @param ruleId the rule that decided
 * @param ruleVersion the version of that rule
 * @param severity the case's severity: the rule's, or higher when the condition escalated it
 * @param at event time of the reading (or of the {@code now} given to {@link Evaluators#advance})
 *     that decided
 * @param episodeStart event time at which the breach behind this case began; the open, updates and
 *     clear of one case carry the same episode start
 * @param evidence named finite numbers behind the decision, sorted by name; each condition type
 *     documents its names (see {@code rules/README.md}); null means none
 * @param summary one plain sentence for people, e.g. "compressor_temp_c above 85.0 for 2m (now
 *     86.4)"
 * @param eta when a forecasting condition expects the metric to cross its limit; empty for other
 *     conditions and on clear. Also in the evidence as {@code eta_seconds} (from {@code at})
 * @param etaConfidence the forecast's confidence in [0, 1], present with {@code eta}; also in the
 *     evidence as {@code eta_confidence}
 */
public record Decision(
    Kind kind,
    String ruleId,
    int ruleVersion,
    Severity severity,
    Instant at,
    Instant episodeStart,
    Map<String, Double> evidence,
    String summary,
    Optional<Instant> eta,
    OptionalDouble etaConfidence) {

  /** Open a case, update an open one, or clear it. */
  public enum Kind {
    OPEN,
    /** The open case's forecast moved materially or its severity rose. */
    UPDATE,
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
    eta = eta == null ? Optional.empty() : eta;
    etaConfidence = etaConfidence == null ? OptionalDouble.empty() : etaConfidence;
    if (etaConfidence.isPresent()
        && !(etaConfidence.getAsDouble() >= 0 && etaConfidence.getAsDouble() <= 1)) {
      throw new IllegalArgumentException(
          "etaConfidence: must be in [0, 1], got " + etaConfidence.getAsDouble());
    }
  }

  /** A decision without a forecast. */
  public Decision(
      Kind kind,
      String ruleId,
      int ruleVersion,
      Severity severity,
      Instant at,
      Instant episodeStart,
      Map<String, Double> evidence,
      String summary) {
    this(
        kind,
        ruleId,
        ruleVersion,
        severity,
        at,
        episodeStart,
        evidence,
        summary,
        Optional.empty(),
        OptionalDouble.empty());
  }
}
