package dev.forewarn.outreach.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/**
 * A rule version as the API shows it, with the state of the rule it belongs to.
 *
 * @param id rule id
 * @param name the rule's name, as this version's document gives it
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
    String name,
    int version,
    boolean active,
    Integer activeVersion,
    Instant createdAt,
    boolean deleted,
    boolean published,
    Instant publishedAt,
    @JsonRawValue String document) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static RuleView of(StoredRule rule) {
    return new RuleView(
        rule.id(),
        nameIn(rule.document()),
        rule.version(),
        rule.active(),
        rule.activeVersion(),
        rule.createdAt(),
        rule.deletedAt() != null,
        rule.published(),
        rule.publishedAt(),
        rule.document());
  }

  /** The name in a stored document; every stored document passed validation, which requires one. */
  private static String nameIn(String document) {
    try {
      return JSON.readTree(document).path("name").asText(null);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored rule document is not JSON", e);
    }
  }
}
