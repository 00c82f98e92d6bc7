package dev.forewarn.rules;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Rule documents for the JSON tests, built as trees so each test changes one field. */
final class RuleDocuments {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private RuleDocuments() {}

  /** The contract's example document, every field given. */
  static ObjectNode overheatDocument() {
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

  /** Only the required fields. */
  static ObjectNode minimalDocument() {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("id", "low-pressure");
    doc.put("type", "threshold");
    doc.put("severity", "critical");
    doc.put("metric", "pressure_bar");
    doc.put("direction", "below");
    doc.put("level", 1.5);
    return doc;
  }

  static String text(ObjectNode doc) {
    return doc.toString();
  }
}
