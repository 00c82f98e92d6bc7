package dev.forewarn.outreach.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * A rule version as the API shows it, with the state of the rule it belongs to.
 *
 * @param id rule id
 * @param version version number
 * @param active whether this version is the one in force
 * @param activeVersion the rule's version in force (this or another), absent when none is
 * @param createdAt when the version was stored
 * @param deleted whether the rule was deleted (its versions stay readable)
 * @param published whether the broker holds the rule's current state (the version in force, or no
 *     document when none is), so that the telemetry job sees it; false without a broker
 * @param publishedAt when the broker last acknowledged the rule's state
 * @param document the rule JSON of this version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleView(
    String id,
    int version,
    boolean active,
    Integer activeVersion,
    Instant createdAt,
    boolean deleted,
    boolean published,
    Instant publishedAt,
    @JsonRawValue String document) {

  static RuleView of(StoredRule rule) {
    return new RuleView(
        rule.id(),
        rule.version(),
        rule.active(),
        rule.activeVersion(),
        rule.createdAt(),
        rule.deletedAt() != null,
        rule.published(),
        rule.publishedAt(),
        rule.document());
  }
}
