package dev.forewarn.rules.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.document.RuleValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a rule document file: one rule as a JSON object, or several as an array of them, each
 * validated by {@link RuleJson#parse}. Errors name the file and the field. The detection benchmark
 * and the backtest command read their rules with it.
 */
public final class RuleFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RuleFiles() {}

  /**
   * The rules of one document file.
   *
   * @throws IllegalArgumentException naming the file (and the field) when it is missing or invalid
   */
  public static List<Rule> load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such rule document");
    }
    String text = Files.readString(file);
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (root != null && root.isObject()) {
      return List.of(parse(file, text, ""));
    }
    if (root == null || !root.isArray() || root.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": a rule document (JSON object) or a non-empty array of them is required");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      rules.add(parse(file, root.get(i).toString(), "[" + i + "]"));
    }
    return rules;
  }

  private static Rule parse(Path file, String json, String prefix) {
    try {
      return RuleJson.parse(json);
    } catch (RuleValidationException e) {
      throw new IllegalArgumentException(file + ": " + prefix + e.getMessage(), e);
    }
  }
}
