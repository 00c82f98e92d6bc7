package dev.forewarn.outreach.rules;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * A rule version as the API shows it.
 *
 * @param id rule id
 * @param version version number
 * @param active whether it is the version in force
 * @param createdAt when it was stored
 * @param published whether the broker acknowledged it (only on writes; null in lists)
 * @param document the rule JSON
 */
record RuleView(
    String id,
    int version,
    boolean active,
    Instant createdAt,
    Boolean published,
    @JsonRawValue String document) {

  static RuleView of(StoredRule rule, Boolean published) {
    return new RuleView(
        rule.id(), rule.version(), rule.active(), rule.createdAt(), published, rule.document());
  }
}
