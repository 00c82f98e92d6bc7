package dev.forewarn.rules.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed, path-aware access to the fields of one JSON object in a rule document. Every problem is a
 * {@link RuleValidationException} naming the field by its path. A JSON {@code null} counts as
 * absent.
 */
final class JsonFields {

  private final ObjectNode node;
  private final String path;

  JsonFields(ObjectNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** Refuses the first field that is not in {@code known}, suggesting the likely intended one. */
  void refuseUnknown(List<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        String hint =
            Suggestions.closest(name, known).map(s -> "did you mean \"" + s + "\"? ").orElse("");
        throw new RuleValidationException(
            at(name), "unknown field; " + hint + "known fields: " + String.join(", ", known));
      }
    }
  }

  boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  String string(String name) {
    JsonNode value = required(name);
    if (!value.isTextual()) {
      throw new RuleValidationException(at(name), "must be a string, got " + value);
    }
    return value.textValue();
  }

  String string(String name, String absent) {
    return has(name) ? string(name) : absent;
  }

  int integer(String name, int absent) {
    if (!has(name)) {
      return absent;
    }
    JsonNode value = node.get(name);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new RuleValidationException(at(name), "must be a whole number, got " + value);
    }
    return value.intValue();
  }

  double number(String name) {
    JsonNode value = required(name);
    if (!value.isNumber()) {
      throw new RuleValidationException(at(name), "must be a number, got " + value);
    }
    return value.doubleValue();
  }

  double number(String name, double absent) {
    return has(name) ? number(name) : absent;
  }

  /** One of the enum's constants, written in any case. */
  <E extends Enum<E>> E choice(String name, Class<E> type) {
    String text = string(name);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text)) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(constant.name().toLowerCase(Locale.ROOT));
    }
    throw new RuleValidationException(
        at(name), "\"" + text + "\" is not one of " + String.join(", ", allowed));
  }

  /** An ISO-8601 duration such as {@code PT2M}, or a whole number of seconds. */
  Duration duration(String name, Duration absent) {
    if (!has(name)) {
      return absent;
    }
    JsonNode value = node.get(name);
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return Duration.ofSeconds(value.longValue());
    }
    if (!value.isTextual()) {
      throw new RuleValidationException(
          at(name), "must be an ISO-8601 duration like \"PT2M\" or whole seconds, got " + value);
    }
    try {
      return Duration.parse(value.textValue());
    } catch (DateTimeParseException e) {
      throw new RuleValidationException(
          at(name), "must be an ISO-8601 duration like \"PT2M\" or \"PT30S\", got " + value);
    }
  }

  /** An array of non-blank strings; absent means empty. */
  Set<String> words(String name, String what) {
    return new LinkedHashSet<>(wordList(name, what));
  }

  /** An array of non-blank strings in document order, repeats kept; absent means empty. */
  List<String> wordList(String name, String what) {
    if (!has(name)) {
      return List.of();
    }
    JsonNode value = node.get(name);
    if (!value.isArray()) {
      throw new RuleValidationException(at(name), "must be an array of strings, got " + value);
    }
    List<String> words = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String element = JsonPaths.element(at(name), i);
      JsonNode item = value.get(i);
      if (!item.isTextual()) {
        throw new RuleValidationException(element, what + " must be a string, got " + item);
      }
      RuleChecks.word(item.textValue(), element, what);
      words.add(item.textValue());
    }
    return words;
  }

  /** A map of non-blank strings to non-blank strings; absent means empty. */
  Map<String, String> stringMap(String name, String what) {
    JsonFields map = object(name);
    if (map == null) {
      return Map.of();
    }
    Map<String, String> read = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = map.node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String path = map.at(field.getKey());
      if (!field.getValue().isTextual()) {
        throw new RuleValidationException(
            path, what + " value must be a string, got " + field.getValue());
      }
      RuleChecks.word(field.getKey(), path, what + " name");
      RuleChecks.word(field.getValue().textValue(), path, what + " value");
      read.put(field.getKey(), field.getValue().textValue());
    }
    return read;
  }

  boolean bool(String name, boolean absent) {
    if (!has(name)) {
      return absent;
    }
    JsonNode value = node.get(name);
    if (!value.isBoolean()) {
      throw new RuleValidationException(at(name), "must be true or false, got " + value);
    }
    return value.booleanValue();
  }

  /** A number, or null when absent. */
  Double numberOrNull(String name) {
    return has(name) ? number(name) : null;
  }

  /** An array of objects, each with its path ({@code conditions[0]}); absent is refused. */
  List<JsonFields> objects(String name) {
    JsonNode value = required(name);
    if (!value.isArray()) {
      throw new RuleValidationException(at(name), "must be an array of objects, got " + value);
    }
    List<JsonFields> objects = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String element = JsonPaths.element(at(name), i);
      if (!value.get(i).isObject()) {
        throw new RuleValidationException(element, "must be an object, got " + value.get(i));
      }
      objects.add(new JsonFields((ObjectNode) value.get(i), element));
    }
    return objects;
  }

  /** The field names of this object, in document order. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  String path() {
    return path;
  }

  /** A nested object, or null when absent. */
  JsonFields object(String name) {
    if (!has(name)) {
      return null;
    }
    JsonNode value = node.get(name);
    if (!value.isObject()) {
      throw new RuleValidationException(at(name), "must be an object, got " + value);
    }
    return new JsonFields((ObjectNode) value, at(name));
  }

  String at(String name) {
    return JsonPaths.child(path, name);
  }

  private JsonNode required(String name) {
    if (!has(name)) {
      throw new RuleValidationException(at(name), "required");
    }
    return node.get(name);
  }
}
