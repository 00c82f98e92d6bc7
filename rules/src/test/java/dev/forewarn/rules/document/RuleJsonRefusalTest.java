package dev.forewarn.rules.document;

import static dev.forewarn.rules.RuleDocuments.overheatDocument;
import static dev.forewarn.rules.RuleDocuments.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid field is refused with its JSON path named and a reason a person can act on. */
class RuleJsonRefusalTest {

  static Stream<Arguments> invalidFields() {
    return Stream.of(
        refused("id missing", d -> d.remove("id"), "id", "required"),
        refused("id uppercase", d -> d.put("id", "Overheat"), "id", "not a valid id"),
        refused("id starts with dash", d -> d.put("id", "-x"), "id", "not a valid id"),
        refused("id too long", d -> d.put("id", "a".repeat(65)), "id", "1 to 64"),
        refused("id a number", d -> d.put("id", 5), "id", "must be a string"),
        refused("version zero", d -> d.put("version", 0), "version", "1 or more"),
        refused("version fraction", d -> d.put("version", 1.5), "version", "whole number"),
        refused("version a string", d -> d.put("version", "1"), "version", "whole number"),
        refused("schema from future", d -> d.put("schemaVersion", 3), "schemaVersion", "1 to 2"),
        refused("schema zero", d -> d.put("schemaVersion", 0), "schemaVersion", "not understood"),
        refused("type missing", d -> d.remove("type"), "type", "required; known types: threshold"),
        refused("type unknown", d -> d.put("type", "rate"), "type", "unknown type \"rate\""),
        refused("name blank", d -> d.put("name", "  "), "name", "blank"),
        refused("severity missing", d -> d.remove("severity"), "severity", "required"),
        refused("severity unknown", d -> d.put("severity", "urgent"), "severity", "info, warning"),
        refused("scope a string", d -> d.put("scope", "all"), "scope", "must be an object"),
        refused("scope typo", RuleJsonRefusalTest::scopeTypo, "scope.model", "\"models\""),
        refused(
            "scope ids not array",
            d -> scope(d).put("deviceIds", "d1"),
            "scope.deviceIds",
            "array"),
        refused("scope blank model", d -> models(d).add(" "), "scope.models[1]", "blank"),
        refused("scope model number", d -> models(d).insert(0, 42), "scope.models[0]", "string"),
        refused(
            "scope padded id",
            d -> scope(d).putArray("deviceIds").add("d1 "),
            "scope.deviceIds[0]",
            "spaces"),
        refused("metric missing", d -> d.remove("metric"), "metric", "required"),
        refused("metric padded", d -> d.put("metric", " temp"), "metric", "spaces"),
        refused("metric blank", d -> d.put("metric", ""), "metric", "blank"),
        refused("direction unknown", d -> d.put("direction", "up"), "direction", "above, below"),
        refused("level missing", d -> d.remove("level"), "level", "required"),
        refused("level a string", d -> d.put("level", "85"), "level", "must be a number"),
        refused("level overflows", d -> d.put("level", new BigDecimal("1e400")), "level", "finite"),
        refused(
            "clear above level", d -> d.put("clearLevel", 90.0), "clearLevel", "at or below level"),
        refused(
            "clear below level for below",
            RuleJsonRefusalTest::belowClearTooLow,
            "clearLevel",
            "at or above"),
        refused(
            "sustainedFor prose",
            d -> d.put("sustainedFor", "2 minutes"),
            "sustainedFor",
            "ISO-8601"),
        refused(
            "sustainedFor negative",
            d -> d.put("sustainedFor", "-PT1M"),
            "sustainedFor",
            "zero or more"),
        refused(
            "sustainedFor negative secs",
            d -> d.put("sustainedFor", -5),
            "sustainedFor",
            "zero or more"),
        refused(
            "sustainedFor fraction",
            d -> d.put("sustainedFor", 1.5),
            "sustainedFor",
            "whole seconds"),
        refused(
            "sustainedFor months", d -> d.put("sustainedFor", "P1M"), "sustainedFor", "ISO-8601"),
        refused("minPoints zero", d -> d.put("minPoints", 0), "minPoints", "1 or more"),
        refused(
            "typo in field name",
            RuleJsonRefusalTest::lowercaseTypo,
            "sustainedfor",
            "did you mean \"sustainedFor\""),
        refused("unknown field", d -> d.put("owner", "me"), "owner", "unknown field"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFields")
  void refusesInvalidFieldNamingIt(
      String description, Consumer<ObjectNode> change, String field, String reason) {
    ObjectNode doc = overheatDocument();
    change.accept(doc);

    RuleValidationException e =
        catchThrowableOfType(RuleValidationException.class, () -> RuleJson.parse(text(doc)));

    assertThat(e).as(description).isNotNull();
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).startsWith(field + ": ").contains(reason);
  }

  private static Arguments refused(
      String description, Consumer<ObjectNode> change, String field, String reason) {
    return arguments(description, change, field, reason);
  }

  private static ObjectNode scope(ObjectNode doc) {
    return (ObjectNode) doc.get("scope");
  }

  private static ArrayNode models(ObjectNode doc) {
    return (ArrayNode) scope(doc).get("models");
  }

  private static void scopeTypo(ObjectNode doc) {
    scope(doc).set("model", scope(doc).remove("models"));
  }

  private static void lowercaseTypo(ObjectNode doc) {
    doc.set("sustainedfor", doc.remove("sustainedFor"));
  }

  private static void belowClearTooLow(ObjectNode doc) {
    doc.put("direction", "below").put("level", 10.0).put("clearLevel", 5.0);
  }
}
