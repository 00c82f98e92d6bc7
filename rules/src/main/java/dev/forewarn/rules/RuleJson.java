package dev.forewarn.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Reads and writes rule documents, the JSON form in which rules are stored, published and edited.
 * Parsing validates everything once, at the edge, and refuses a bad document with a {@link
 * RuleValidationException} naming the field by its JSON path. The format, field by field, is in
 * rules/README.md.
 */
public final class RuleJson {

  /** The rule types this code understands, in the order error messages list them. */
  public static final List<String> KNOWN_TYPES = List.of(ThresholdRule.TYPE);

  // Duplicate keys and trailing documents are refused: both usually mean a broken edit.
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private RuleJson() {}

  /**
   * Parses and validates one rule document.
   *
   * @param json the document
   * @return the rule, of the type its {@code type} field names
   * @throws RuleValidationException naming the field by JSON path ({@code sustainedFor}, {@code
   *     scope.models[1]}, or {@code $} when the text is not a JSON object)
   */
  public static Rule parse(String json) {
    JsonNode root = readTree(json);
    if (!root.isObject()) {
      throw new RuleValidationException(JsonPaths.ROOT, "a rule must be a JSON object");
    }
    JsonFields fields = new JsonFields((ObjectNode) root, "");
    checkSchemaVersion(fields);
    String type = fields.has("type") ? fields.string("type") : null;
    if (ThresholdRule.TYPE.equals(type)) {
      return ThresholdRuleJson.read(fields);
    }
    throw new RuleValidationException(
        "type",
        (type == null ? "required" : "unknown type \"" + type + "\"")
            + "; known types: "
            + String.join(", ", KNOWN_TYPES));
  }

  /** Writes a rule as its document, every field explicit; {@link #parse} reads it back equal. */
  public static String toJson(Rule rule) {
    ObjectNode node = MAPPER.createObjectNode();
    if (rule instanceof ThresholdRule threshold) {
      ThresholdRuleJson.write(threshold, node);
    } else {
      throw new IllegalArgumentException("no JSON form for " + rule.getClass().getSimpleName());
    }
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  private static JsonNode readTree(String json) {
    if (json == null || json.isBlank()) {
      throw new RuleValidationException(JsonPaths.ROOT, "empty document");
    }
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      String duplicate = "Duplicate field '";
      String message = e.getOriginalMessage();
      if (message.startsWith(duplicate)) {
        return duplicateField(e, message.substring(duplicate.length(), message.length() - 1));
      }
      String reason =
          JsonPaths.nonNumericToken(e)
              .map(token -> "must be a finite number, got " + token)
              .orElseGet(() -> JsonPaths.syntaxError(e));
      throw new RuleValidationException(JsonPaths.of(e), reason);
    }
  }

  private static JsonNode duplicateField(JsonProcessingException e, String name) {
    String where = JsonPaths.of(e);
    String parent = where.contains(".") ? where.substring(0, where.lastIndexOf('.')) : "";
    throw new RuleValidationException(JsonPaths.child(parent, name), "appears twice");
  }

  private static void checkSchemaVersion(JsonFields fields) {
    int schemaVersion = fields.integer("schemaVersion", Rule.CURRENT_SCHEMA_VERSION);
    if (schemaVersion < 1 || schemaVersion > Rule.CURRENT_SCHEMA_VERSION) {
      throw new RuleValidationException(
          "schemaVersion",
          schemaVersion
              + " is not understood; this version of Forewarn reads schema versions 1 to "
              + Rule.CURRENT_SCHEMA_VERSION);
    }
  }
}
