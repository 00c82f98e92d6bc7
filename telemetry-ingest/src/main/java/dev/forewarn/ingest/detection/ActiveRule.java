package dev.forewarn.ingest.detection;

import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The active version of a rule together with the document it was parsed from. Checkpoints store the
 * document as it arrived, so writing the broadcast state never turns a rule back into JSON.
 *
 * @param rule the parsed rule
 * @param document its UTF-8 JSON document
 */
public record ActiveRule(Rule rule, byte[] document) {

  public ActiveRule {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(document, "document");
  }

  /** Parses a rule document; throws what {@link RuleJson#parse} throws. */
  public static ActiveRule parse(String document) {
    return new ActiveRule(RuleJson.parse(document), document.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a stored document. */
  static ActiveRule parse(byte[] document) {
    return new ActiveRule(RuleJson.parse(new String(document, StandardCharsets.UTF_8)), document);
  }

  public int version() {
    return rule.version();
  }
}
