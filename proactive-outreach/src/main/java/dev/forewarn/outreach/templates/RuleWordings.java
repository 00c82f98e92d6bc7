package dev.forewarn.outreach.templates;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.document.RuleValidationException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the customer wording of the rule version that raised a case, from the stored rule
 * documents. A stored version never changes, so each is parsed once.
 */
@Component
public class RuleWordings {

  private static final Logger log = LoggerFactory.getLogger(RuleWordings.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;
  private final Map<String, Optional<Rule>> rules = new ConcurrentHashMap<>();

  RuleWordings(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The wording of a case, when its rule version is stored and carries one.
   *
   * @param evidenceJson the case's evidence, a JSON object of name to number
   */
  public Optional<CaseWording> of(String ruleId, int ruleVersion, String evidenceJson) {
    return rule(ruleId, ruleVersion)
        .flatMap(
            rule ->
                rule.wording()
                    .map(w -> new CaseWording(w, rule.condition(), evidence(evidenceJson))));
  }

  private Optional<Rule> rule(String id, int version) {
    String key = id + "@" + version;
    Optional<Rule> known = rules.get(key);
    if (known != null) {
      return known;
    }
    Optional<Rule> loaded =
        jdbc.sql("SELECT document::text FROM rules WHERE id = :id AND version = :version")
            .param("id", id)
            .param("version", version)
            .query(String.class)
            .optional()
            .flatMap(RuleWordings::parse);
    if (loaded.isPresent()) {
      // Only found versions are kept: a rule stored later under this number is still seen.
      rules.put(key, loaded);
    }
    return loaded;
  }

  private static Optional<Rule> parse(String document) {
    try {
      return Optional.of(RuleJson.parse(document));
    } catch (RuleValidationException e) {
      log.warn("stored rule document no longer parses: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private static Map<String, Double> evidence(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      Map<String, Object> raw = JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
      Map<String, Double> numbers = new HashMap<>();
      raw.forEach(
          (name, value) -> {
            if (value instanceof Number number) {
              numbers.put(name, number.doubleValue());
            }
          });
      return numbers;
    } catch (IOException e) {
      return Map.of();
    }
  }
}
