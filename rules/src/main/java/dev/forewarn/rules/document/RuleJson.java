package dev.forewarn.rules.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.lifecycle.FlapSuppression;
import dev.forewarn.rules.lifecycle.Lifecycle;
import dev.forewarn.rules.threshold.ThresholdCondition;
import java.time.Duration;
import java.util.List;

/**
 * Reads and writes rule documents, the JSON form in which rules are stored, published and edited.
 * Parsing validates everything once, at the edge, and refuses a bad document with a {@link
 * RuleValidationException} naming the field by its JSON path. The format, field by field, is in
 * rules/README.md.
 */
public final class RuleJson {

  /** The condition types this code understands, in the order error messages list them. */
  public static final List<String> KNOWN_TYPES = ConditionJson.TYPES;

  private static final List<String> FIELDS =
      List.of(
          "id",
          "version",
          "schemaVersion",
          "name",
          "severity",
          "scope",
          "condition",
          "sustainedFor",
          "minPoints",
          "cooldown",
          "flapSuppression");

  // Schema version 1: one threshold rule, its fields at the top level.
  private static final List<String> V1_FIELDS =
      List.of(
          "id",
          "version",
          "schemaVersion",
          "type",
          "name",
          "severity",
          "scope",
          "metric",
          "direction",
          "level",
          "clearLevel",
          "sustainedFor",
          "minPoints");

  // Duplicate keys and trailing documents are refused: both usually mean a broken edit.
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private RuleJson() {}

  /**
   * Parses and validates one rule document. A document of schema version 1 (a threshold rule with
   * its fields at the top level and a top-level {@code type}) is upgraded to the current form.
   *
   * @param json the document
   * @return the rule
   * @throws RuleValidationException naming the field by JSON path ({@code sustainedFor}, {@code
   *     condition.conditions[1].window}, or {@code $} when the text is not a JSON object)
   */
  public static Rule parse(String json) {
    JsonNode root = readTree(json);
    if (!root.isObject()) {
      throw new RuleValidationException(JsonPaths.ROOT, "a rule must be a JSON object");
    }
    JsonFields fields = new JsonFields((ObjectNode) root, "");
    return schemaVersion(fields) == 1 ? readV1(fields) : read(fields);
  }

  /** Writes a rule as its current document, every field explicit; {@link #parse} reads it back. */
  public static String toJson(Rule rule) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", rule.id());
    node.put("version", rule.version());
    node.put("schemaVersion", Rule.CURRENT_SCHEMA_VERSION);
    node.put("name", rule.name());
    node.put("severity", ConditionJson.word(rule.severity()));
    ScopeJson.write(rule.scope(), node.putObject("scope"));
    ConditionJson.write(rule.condition(), node.putObject("condition"));
    Lifecycle lifecycle = rule.lifecycle();
    node.put("sustainedFor", lifecycle.sustainedFor().toString());
    node.put("minPoints", lifecycle.minPoints());
    node.put("cooldown", lifecycle.cooldown().toString());
    FlapSuppression flap = lifecycle.flapSuppression();
    if (flap != null) {
      ObjectNode flapNode = node.putObject("flapSuppression");
      flapNode.put("opens", flap.opens());
      flapNode.put("within", flap.within().toString());
      flapNode.put("hold", flap.hold().toString());
    }
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  private static Rule read(JsonFields fields) {
    fields.refuseUnknown(FIELDS);
    String id = fields.string("id");
    int version = fields.integer("version", 1);
    String name = fields.string("name", id);
    Severity severity = fields.choice("severity", Severity.class);
    Scope scope = ScopeJson.read(fields.object("scope"));
    JsonFields conditionFields = fields.object("condition");
    if (conditionFields == null) {
      throw new RuleValidationException("condition", "required");
    }
    Condition condition = ConditionJson.read(conditionFields);
    Duration sustainedFor = fields.duration("sustainedFor", Duration.ZERO);
    int minPoints = fields.integer("minPoints", 1);
    Duration cooldown = fields.duration("cooldown", Duration.ZERO);
    FlapSuppression flap = readFlap(fields.object("flapSuppression"));
    Lifecycle lifecycle = new Lifecycle(sustainedFor, minPoints, cooldown, flap);
    return new Rule(id, version, name, scope, severity, condition, lifecycle);
  }

  private static FlapSuppression readFlap(JsonFields flap) {
    if (flap == null) {
      return null;
    }
    flap.refuseUnknown(List.of("opens", "within", "hold"));
    int opens = flap.integer("opens", 3);
    Duration within = flap.duration("within", null);
    Duration hold = flap.duration("hold", null);
    return new FlapSuppression(opens, within, hold);
  }

  /** A schema version 1 document: a threshold rule, upgraded to a rule with a condition. */
  private static Rule readV1(JsonFields fields) {
    if (fields.has("condition")) {
      throw new RuleValidationException(
          "condition", "unknown field in a schema version 1 document; set \"schemaVersion\": 2");
    }
    fields.refuseUnknown(V1_FIELDS);
    String type = fields.has("type") ? fields.string("type") : null;
    if (!ThresholdCondition.TYPE.equals(type)) {
      throw new RuleValidationException(
          "type",
          (type == null ? "required" : "unknown type \"" + type + "\"")
              + "; known types: threshold (schema version 1; the other condition types need"
              + " \"schemaVersion\": 2)");
    }
    String id = fields.string("id");
    int version = fields.integer("version", 1);
    String name = fields.string("name", id);
    Severity severity = fields.choice("severity", Severity.class);
    Scope scope = ScopeJson.read(fields.object("scope"));
    ThresholdCondition condition = ConditionJson.readThreshold(fields);
    Duration sustainedFor = fields.duration("sustainedFor", Duration.ZERO);
    int minPoints = fields.integer("minPoints", 1);
    return new Rule(
        id,
        version,
        name,
        scope,
        severity,
        condition,
        Lifecycle.sustained(sustainedFor, minPoints));
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

  /**
   * The document's schema version. Without the field, a document with a {@code condition} and no
   * top-level {@code type} is of the current version; any other predates the field: version 1.
   */
  private static int schemaVersion(JsonFields fields) {
    int absent = fields.has("condition") && !fields.has("type") ? Rule.CURRENT_SCHEMA_VERSION : 1;
    int schemaVersion = fields.integer("schemaVersion", absent);
    if (schemaVersion < 1 || schemaVersion > Rule.CURRENT_SCHEMA_VERSION) {
      throw new RuleValidationException(
          "schemaVersion",
          schemaVersion
              + " is not understood; this version of Forewarn reads schema versions 1 to "
              + Rule.CURRENT_SCHEMA_VERSION);
    }
    return schemaVersion;
  }
}
