package dev.forewarn.rules;

import static dev.forewarn.rules.RuleDocuments.minimalDocument;
import static dev.forewarn.rules.RuleDocuments.overheatDocument;
import static dev.forewarn.rules.RuleDocuments.text;
import static dev.forewarn.rules.TestData.overheat;
import static dev.forewarn.rules.TestData.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleJsonTest {

  @Test
  void parsesTheContractExample() {
    Rule rule = RuleJson.parse(text(overheatDocument()));

    assertThat(rule)
        .isEqualTo(
            new ThresholdRule(
                "compressor-overheat",
                1,
                "Compressor overheating",
                new Scope(Set.of(), Set.of("AC-200")),
                Severity.WARNING,
                "compressor_temp_c",
                Direction.ABOVE,
                85.0,
                80.0,
                Duration.ofMinutes(2),
                3));
  }

  @Test
  void writesTheContractExampleFieldForField() {
    assertThat(RuleJson.toJson(overheat())).isEqualTo(text(overheatDocument()));
  }

  @Test
  void roundTripsEveryField() {
    ThresholdRule rule =
        threshold()
            .id("x9")
            .version(12)
            .severity(Severity.INFO)
            .scope(new Scope(Set.of("dev-b", "dev-a"), Set.of("M-2", "M-1")))
            .below(-3.25, 0.5)
            .sustainedFor(Duration.ofMillis(1500))
            .minPoints(9)
            .build();

    assertThat(RuleJson.parse(RuleJson.toJson(rule))).isEqualTo(rule);
  }

  @Test
  void writesScopeListsSorted() {
    ThresholdRule rule = threshold().scope(new Scope(Set.of("c", "a", "b"), Set.of())).build();

    assertThat(RuleJson.toJson(rule)).contains("\"deviceIds\":[\"a\",\"b\",\"c\"]");
  }

  @Test
  void fillsDefaultsForOptionalFields() {
    ThresholdRule rule = (ThresholdRule) RuleJson.parse(text(minimalDocument()));

    assertThat(rule.version()).isEqualTo(1);
    assertThat(rule.name()).isEqualTo("low-pressure");
    assertThat(rule.scope()).isEqualTo(Scope.ALL);
    assertThat(rule.clearLevel()).isEqualTo(1.5);
    assertThat(rule.sustainedFor()).isEqualTo(Duration.ZERO);
    assertThat(rule.minPoints()).isEqualTo(1);
  }

  @Test
  void treatsNullAsAbsent() {
    ObjectNode doc = minimalDocument();
    doc.putNull("name");
    doc.putNull("scope");
    doc.putNull("clearLevel");

    ThresholdRule rule = (ThresholdRule) RuleJson.parse(text(doc));

    assertThat(rule.name()).isEqualTo("low-pressure");
    assertThat(rule.scope()).isEqualTo(Scope.ALL);
    assertThat(rule.clearLevel()).isEqualTo(1.5);
  }

  @Test
  void readsSeverityAndDirectionInAnyCase() {
    ObjectNode doc = overheatDocument().put("severity", "CRITICAL").put("direction", "Above");

    ThresholdRule rule = (ThresholdRule) RuleJson.parse(text(doc));

    assertThat(rule.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rule.direction()).isEqualTo(Direction.ABOVE);
  }

  @Test
  void readsSustainedForGivenAsWholeSeconds() {
    ObjectNode doc = overheatDocument().put("sustainedFor", 150);

    assertThat(((ThresholdRule) RuleJson.parse(text(doc))).sustainedFor())
        .isEqualTo(Duration.ofSeconds(150));
  }

  @Test
  void readsIntegerLevels() {
    ObjectNode doc = overheatDocument().put("level", 85).put("clearLevel", 80);

    assertThat(RuleJson.parse(text(doc))).isEqualTo(overheat());
  }

  @Test
  void acceptsTheCurrentSchemaVersionWhenAbsent() {
    ObjectNode doc = overheatDocument();
    doc.remove("schemaVersion");

    assertThat(RuleJson.parse(text(doc))).isEqualTo(overheat());
  }

  @Test
  void listsTheKnownTypes() {
    assertThat(RuleJson.KNOWN_TYPES).containsExactly("threshold");
  }
}
