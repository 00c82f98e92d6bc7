package dev.forewarn.bench.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.document.RuleValidationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The candidate rule documents the NAB cross-validation chooses among: a base document and, per
 * varied field (a dotted path into the document, such as {@code condition.probability}), the values
 * to try; the candidates are every combination.
 */
final class NabGrid {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One candidate: its varied values as text, and its rule. */
  record Candidate(String name, Rule rule) {}

  private NabGrid() {}

  static List<Candidate> load(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.path("base").isObject() || !root.path("vary").isObject()) {
      throw new IllegalArgumentException(
          file + ": an object with base (a rule) and vary is needed");
    }
    List<Candidate> candidates = new ArrayList<>();
    candidates.add(new Candidate("", null));
    List<ObjectNode> documents =
        new ArrayList<>(List.of(((ObjectNode) root.get("base")).deepCopy()));
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("vary").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> axis = it.next();
      if (!axis.getValue().isArray() || axis.getValue().isEmpty()) {
        throw new IllegalArgumentException(file + ": vary." + axis.getKey() + ": a list of values");
      }
      List<Candidate> named = new ArrayList<>();
      List<ObjectNode> expanded = new ArrayList<>();
      for (int c = 0; c < documents.size(); c++) {
        for (JsonNode value : (ArrayNode) axis.getValue()) {
          ObjectNode copy = documents.get(c).deepCopy();
          set(copy, axis.getKey(), value, file);
          expanded.add(copy);
          String prefix = candidates.get(c).name();
          named.add(
              new Candidate(
                  (prefix.isEmpty() ? "" : prefix + " ") + axis.getKey() + "=" + value, null));
        }
      }
      documents = expanded;
      candidates = named;
    }
    List<Candidate> parsed = new ArrayList<>();
    for (int c = 0; c < documents.size(); c++) {
      try {
        parsed.add(
            new Candidate(candidates.get(c).name(), RuleJson.parse(documents.get(c).toString())));
      } catch (RuleValidationException e) {
        throw new IllegalArgumentException(
            file + ": candidate " + candidates.get(c).name() + ": " + e.getMessage(), e);
      }
    }
    return parsed;
  }

  private static void set(ObjectNode document, String path, JsonNode value, Path file) {
    String[] parts = path.split("\\.");
    ObjectNode node = document;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = node.get(parts[i]);
      if (next == null) {
        next = node.putObject(parts[i]);
      }
      if (!next.isObject()) {
        throw new IllegalArgumentException(
            file + ": vary." + path + ": " + parts[i] + " is not an object");
      }
      node = (ObjectNode) next;
    }
    node.set(parts[parts.length - 1], value);
  }
}
