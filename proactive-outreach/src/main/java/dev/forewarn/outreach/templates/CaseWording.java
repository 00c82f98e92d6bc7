package dev.forewarn.outreach.templates;

import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.document.CustomerWording;
import java.util.Map;
import java.util.Optional;

/**
 * The customer wording of the rule that raised a case, with the case's evidence to fill it.
 *
 * @param wording the rule's texts and units
 * @param condition the rule's condition, which says which evidence carries which unit
 * @param evidence the case's newest evidence
 */
public record CaseWording(
    CustomerWording wording, Condition condition, Map<String, Double> evidence) {

  public CaseWording {
    evidence = Map.copyOf(evidence);
  }

  /** The sentence in a language, when the evidence has what it names. */
  public Optional<String> in(String locale) {
    return wording.render(locale, evidence, condition);
  }
}
