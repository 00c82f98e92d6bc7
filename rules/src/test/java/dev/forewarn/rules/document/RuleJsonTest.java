package dev.forewarn.rules.document;

import static dev.forewarn.rules.RuleDocuments.minimalDocument;
import static dev.forewarn.rules.RuleDocuments.overheatDocument;
import static dev.forewarn.rules.RuleDocuments.overheatDocumentV2;
import static dev.forewarn.rules.RuleDocuments.text;
import static dev.forewarn.rules.TestData.overheat;
import static dev.forewarn.rules.TestData.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.lifecycle.FlapSuppression;
import dev.forewarn.rules.lifecycle.Lifecycle;
import dev.forewarn.rules.threshold.ThresholdCondition;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleJsonTest {

  @Test
  void parsesTheSchemaVersion1ContractExampleIntoAThresholdCondition() {
    Rule rule = RuleJson.parse(text(overheatDocument()));

    assertThat(rule)
        .isEqualTo(
            new Rule(
                "compressor-overheat",
                1,
                "Compressor overheating",
                new Scope(Set.of(), Set.of("AC-200")),
                Severity.WARNING,
                new ThresholdCondition("compressor_temp_c", Direction.ABOVE, 85.0, 80.0),
                Lifecycle.sustained(Duration.ofMinutes(2), 3)));
  }

  @Test
  void upgradesSchemaVersion1ToTheCurrentDocument() {
    assertThat(RuleJson.toJson(RuleJson.parse(text(overheatDocument()))))
        .isEqualTo(text(overheatDocumentV2()));
  }

  @Test
  void writesTheContractExampleFieldForField() {
    assertThat(RuleJson.toJson(overheat())).isEqualTo(text(overheatDocumentV2()));
  }

  @Test
  void readsTheCurrentDocumentAsTheUpgradedOne() {
    assertThat(RuleJson.parse(text(overheatDocumentV2())))
        .isEqualTo(RuleJson.parse(text(overheatDocument())));
  }

  @Test
  void takesADocumentWithAConditionAndNoSchemaVersionAsCurrent() {
    ObjectNode doc = overheatDocumentV2();
    doc.remove("schemaVersion");

    assertThat(RuleJson.parse(text(doc))).isEqualTo(overheat());
  }

  @Test
  void roundTripsEveryField() {
    Rule rule =
        threshold()
            .id("x9")
            .version(12)
            .severity(Severity.INFO)
            .scope(new Scope(Set.of("dev-b", "dev-a"), Set.of("M-2", "M-1"), Map.of("site", "n")))
            .below(-3.25, 0.5)
            .sustainedFor(Duration.ofMillis(1500))
            .minPoints(9)
            .build();

    assertThat(RuleJson.parse(RuleJson.toJson(rule))).isEqualTo(rule);
  }

  @Test
  void roundTripsCooldownAndFlapSuppression() {
    Rule base = overheat();
    Rule rule =
        new Rule(
            base.id(),
            3,
            base.name(),
            base.scope(),
            base.severity(),
            base.condition(),
            new Lifecycle(
                Duration.ofMinutes(2),
                3,
                Duration.ofMinutes(30),
                new FlapSuppression(3, Duration.ofHours(1), Duration.ofMinutes(20))));

    String json = RuleJson.toJson(rule);

    assertThat(json)
        .contains("\"cooldown\":\"PT30M\"")
        .contains("\"flapSuppression\":{\"opens\":3,\"within\":\"PT1H\",\"hold\":\"PT20M\"}");
    assertThat(RuleJson.parse(json)).isEqualTo(rule);
  }

  @Test
  void writesScopeListsSorted() {
    Rule rule = threshold().scope(new Scope(Set.of("c", "a", "b"), Set.of())).build();

    assertThat(RuleJson.toJson(rule)).contains("\"deviceIds\":[\"a\",\"b\",\"c\"]");
  }

  @Test
  void fillsDefaultsForOptionalFields() {
    Rule rule = RuleJson.parse(text(minimalDocument()));

    assertThat(rule.version()).isEqualTo(1);
    assertThat(rule.name()).isEqualTo("low-pressure");
    assertThat(rule.scope()).isEqualTo(Scope.ALL);
    assertThat(((ThresholdCondition) rule.condition()).clearLevel()).isEqualTo(1.5);
    assertThat(rule.lifecycle()).isEqualTo(Lifecycle.IMMEDIATE);
  }

  @Test
  void treatsNullAsAbsent() {
    ObjectNode doc = minimalDocument();
    doc.putNull("name");
    doc.putNull("scope");
    doc.putNull("clearLevel");

    Rule rule = RuleJson.parse(text(doc));

    assertThat(rule.name()).isEqualTo("low-pressure");
    assertThat(rule.scope()).isEqualTo(Scope.ALL);
    assertThat(((ThresholdCondition) rule.condition()).clearLevel()).isEqualTo(1.5);
  }

  @Test
  void readsSeverityAndDirectionInAnyCase() {
    ObjectNode doc = overheatDocument().put("severity", "CRITICAL").put("direction", "Above");

    Rule rule = RuleJson.parse(text(doc));

    assertThat(rule.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(((ThresholdCondition) rule.condition()).direction()).isEqualTo(Direction.ABOVE);
  }

  @Test
  void readsSustainedForGivenAsWholeSeconds() {
    ObjectNode doc = overheatDocument().put("sustainedFor", 150);

    assertThat(RuleJson.parse(text(doc)).lifecycle().sustainedFor())
        .isEqualTo(Duration.ofSeconds(150));
  }

  @Test
  void readsIntegerLevels() {
    ObjectNode doc = overheatDocument().put("level", 85).put("clearLevel", 80);

    assertThat(RuleJson.parse(text(doc))).isEqualTo(overheat());
  }

  @Test
  void takesADocumentWithoutSchemaVersionAsVersion1() {
    ObjectNode doc = overheatDocument();
    doc.remove("schemaVersion");

    assertThat(RuleJson.parse(text(doc))).isEqualTo(overheat());
  }

  @Test
  void listsTheKnownTypes() {
    assertThat(RuleJson.KNOWN_TYPES)
        .containsExactly(
            "threshold",
            "rate-of-change",
            "trend-forecast",
            "baseline-drift",
            "silence",
            "deviation-index",
            "remaining-life",
            "anomaly-likelihood",
            "all",
            "any",
            "any-opens");
  }
}
