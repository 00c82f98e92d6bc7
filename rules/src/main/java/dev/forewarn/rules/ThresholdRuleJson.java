package dev.forewarn.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The JSON form of a {@link ThresholdRule}; see the field table in rules/README.md. */
final class ThresholdRuleJson {

  static final List<String> FIELDS =
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

  private ThresholdRuleJson() {}

  static ThresholdRule read(JsonFields fields) {
    fields.refuseUnknown(FIELDS);
    String id = fields.string("id");
    int version = fields.integer("version", 1);
    String name = fields.string("name", id);
    Severity severity = fields.choice("severity", Severity.class);
    Scope scope = ScopeJson.read(fields.object("scope"));
    String metric = fields.string("metric");
    Direction direction = fields.choice("direction", Direction.class);
    double level = fields.number("level");
    double clearLevel = fields.number("clearLevel", level);
    Duration sustainedFor = fields.duration("sustainedFor", Duration.ZERO);
    int minPoints = fields.integer("minPoints", 1);
    return new ThresholdRule(
        id,
        version,
        name,
        scope,
        severity,
        metric,
        direction,
        level,
        clearLevel,
        sustainedFor,
        minPoints);
  }

  static void write(ThresholdRule rule, ObjectNode node) {
    node.put("id", rule.id());
    node.put("version", rule.version());
    node.put("schemaVersion", Rule.CURRENT_SCHEMA_VERSION);
    node.put("type", ThresholdRule.TYPE);
    node.put("name", rule.name());
    node.put("severity", rule.severity().name().toLowerCase(Locale.ROOT));
    ScopeJson.write(rule.scope(), node.putObject("scope"));
    node.put("metric", rule.metric());
    node.put("direction", rule.direction().name().toLowerCase(Locale.ROOT));
    node.put("level", rule.level());
    node.put("clearLevel", rule.clearLevel());
    node.put("sustainedFor", rule.sustainedFor().toString());
    node.put("minPoints", rule.minPoints());
  }
}
