package dev.forewarn.rules.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The JSON form of a {@link Scope}, shared by every rule. */
final class ScopeJson {

  private static final List<String> FIELDS = List.of("deviceIds", "models", "tags");

  private ScopeJson() {}

  /** The scope object, or {@link Scope#ALL} when the document has none. */
  static Scope read(JsonFields scope) {
    if (scope == null) {
      return Scope.ALL;
    }
    scope.refuseUnknown(FIELDS);
    Set<String> deviceIds = scope.words("deviceIds", "device id");
    Set<String> models = scope.words("models", "model");
    Map<String, String> tags = scope.stringMap("tags", "tag");
    return new Scope(deviceIds, models, tags);
  }

  /** Writes every list sorted, so that the same scope always reads the same. */
  static void write(Scope scope, ObjectNode node) {
    new TreeSet<>(scope.deviceIds()).forEach(node.putArray("deviceIds")::add);
    new TreeSet<>(scope.models()).forEach(node.putArray("models")::add);
    if (!scope.tags().isEmpty()) {
      ObjectNode tags = node.putObject("tags");
      new TreeMap<>(scope.tags()).forEach(tags::put);
    }
  }
}
