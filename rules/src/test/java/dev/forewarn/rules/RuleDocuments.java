package dev.forewarn.rules;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Rule documents for the JSON tests, built as trees so each test changes one field. */
public final class RuleDocuments {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private RuleDocuments() {}

  /** The contract's example document, every field given. */
  public static ObjectNode overheatDocument() {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("id", "compressor-overheat");
    doc.put("version", 1);
    doc.put("schemaVersion", 1);
    doc.put("type", "threshold");
    doc.put("name", "Compressor overheating");
    doc.put("severity", "warning");
    ObjectNode scope = doc.putObject("scope");
    scope.putArray("deviceIds");
    scope.putArray("models").add("AC-200");
    doc.put("metric", "compressor_temp_c");
    doc.put("direction", "above");
    doc.put("level", 85.0);
    doc.put("clearLevel", 80.0);
    doc.put("sustainedFor", "PT2M");
    doc.put("minPoints", 3);
    return doc;
  }

  /** The contract's example in the current schema: the condition as an object. */
  public static ObjectNode overheatDocumentV2() {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("id", "compressor-overheat");
    doc.put("version", 1);
    doc.put("schemaVersion", 2);
    doc.put("name", "Compressor overheating");
    doc.put("severity", "warning");
    ObjectNode scope = doc.putObject("scope");
    scope.putArray("deviceIds");
    scope.putArray("models").add("AC-200");
    ObjectNode condition = doc.putObject("condition");
    condition.put("type", "threshold");
    condition.put("metric", "compressor_temp_c");
    condition.put("direction", "above");
    condition.put("level", 85.0);
    condition.put("clearLevel", 80.0);
    doc.put("sustainedFor", "PT2M");
    doc.put("minPoints", 3);
    doc.put("cooldown", "PT0S");
    return doc;
  }

  /** A current document around one condition object, every lifecycle field at its default. */
  public static ObjectNode documentWith(ObjectNode condition) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("id", "watch");
    doc.put("schemaVersion", 2);
    doc.put("severity", "warning");
    doc.set("condition", condition);
    return doc;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Only the required fields. */
  public static ObjectNode minimalDocument() {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("id", "low-pressure");
    doc.put("type", "threshold");
    doc.put("severity", "critical");
    doc.put("metric", "pressure_bar");
    doc.put("direction", "below");
    doc.put("level", 1.5);
    return doc;
  }

  public static String text(ObjectNode doc) {
    return doc.toString();
  }
}
