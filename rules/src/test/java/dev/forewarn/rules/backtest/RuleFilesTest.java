package dev.forewarn.rules.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forewarn.rules.document.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {

  static final String HIGH =
      "{\"id\":\"high\",\"type\":\"threshold\",\"severity\":\"warning\",\"metric\":\"value\","
          + "\"direction\":\"above\",\"level\":10}";
  static final String LOW =
      "{\"id\":\"low\",\"type\":\"threshold\",\"severity\":\"info\",\"metric\":\"value\","
          + "\"direction\":\"below\",\"level\":-10}";

  @TempDir Path dir;

  @Test
  void readsOneRuleOrAnArrayOfRules() throws IOException {
    assertThat(RuleFiles.load(write(HIGH))).extracting(Rule::id).containsExactly("high");
    assertThat(RuleFiles.load(write("[" + HIGH + "," + LOW + "]")))
        .extracting(Rule::id)
        .containsExactly("high", "low");
  }

  @Test
  void refusesAnInvalidRuleNamingTheFileAndTheField() throws IOException {
    Path file = write("[" + HIGH + "," + LOW.replace("-10", "\"x\"") + "]");

    assertThatThrownBy(() -> RuleFiles.load(file))
        .hasMessage(file + ": [1]level: must be a number, got \"x\"");
  }

  @Test
  void refusesAMissingFileBrokenJsonAndAnEmptyArray() throws IOException {
    assertThatThrownBy(() -> RuleFiles.load(dir.resolve("none.json")))
        .hasMessageEndingWith("none.json: no such rule document");
    assertThatThrownBy(() -> RuleFiles.load(write("{")))
        .hasMessageContaining("rules.json: not valid JSON");
    assertThatThrownBy(() -> RuleFiles.load(write("[]")))
        .hasMessageContaining("a non-empty array of them is required");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("rules.json"), text);
  }
}
