package dev.forewarn.ingest.detection;

import static dev.forewarn.ingest.testing.Fixtures.message;
import static dev.forewarn.ingest.testing.Fixtures.overheating;
import static dev.forewarn.ingest.testing.Fixtures.ruleDocument;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.rules.document.RuleJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParseRuleDocumentsTest {

  @Test
  void passesValidDocumentsAndRemovalsAndDropsInvalidOnesWithoutAffectingTheRest()
      throws Exception {
    try (OneInputStreamOperatorTestHarness<MqttRecord, RuleUpdate> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new ParseRuleDocuments())) {
      harness.processElement(ruleDocument(overheating("overheat", 3)), 0);
      harness.processElement(document("forewarn/rules/broken", "{\"id\":\"broken\"}"), 0);
      harness.processElement(document("forewarn/rules/not-json", "{nope"), 0);
      harness.processElement(
          document("forewarn/rules/other", RuleJson.toJson(overheating("overheat", 1))), 0);
      harness.processElement(message("forewarn/rules/retired", new byte[0]), 0);
      harness.processElement(ruleDocument(overheating("overheat-strict", 1)), 0);

      assertThat(harness.extractOutputValues())
          .containsExactly(
              new RuleUpdate("overheat", RuleJson.toJson(overheating("overheat", 3))),
              RuleUpdate.removal("retired"),
              new RuleUpdate(
                  "overheat-strict", RuleJson.toJson(overheating("overheat-strict", 1))));
    }
  }

  @Test
  void theRuleIdsBetweenAConnectsMarkersAreItsRetainedSetAndOtherReadersMarkersAreIgnored()
      throws Exception {
    try (OneInputStreamOperatorTestHarness<MqttRecord, RuleUpdate> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new ParseRuleDocuments())) {
      harness.processElement(document("forewarn/rules/_sync", "start mine"), 0);
      harness.processElement(ruleDocument(overheating("overheat", 1)), 0);
      harness.processElement(document("forewarn/rules/broken", "{\"id\":\"broken\"}"), 0);
      harness.processElement(ruleDocument(overheating("gone", 1)), 0);
      harness.processElement(message("forewarn/rules/gone", new byte[0]), 0);
      harness.processElement(document("forewarn/rules/_sync", "end another-reader"), 0);
      harness.processElement(document("forewarn/rules/_sync", "end mine"), 0);
      harness.processElement(document("forewarn/rules/_sync", "end mine"), 0);

      assertThat(harness.extractOutputValues())
          .filteredOn(RuleUpdate::isSynced)
          .singleElement()
          .satisfies(
              synced -> assertThat(synced.retainedRuleIds()).containsExactly("overheat", "broken"));
    }
  }

  private static MqttRecord document(String topic, String json) {
    return message(topic, json.getBytes(StandardCharsets.UTF_8));
  }
}
