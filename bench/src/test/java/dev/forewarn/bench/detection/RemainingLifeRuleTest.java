package dev.forewarn.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.rules.backtest.RuleFiles;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.life.RemainingLifeCondition;
import dev.forewarn.rules.life.RemainingLifeCondition.IndexMetric;
import dev.forewarn.rules.life.RemainingLifeCondition.LifeModel;
import dev.forewarn.rules.life.RemainingLifeCondition.Worse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemainingLifeRuleTest {

  static final IndexMetric S2 = new IndexMetric("s2", 642.38320333, 0.302185749, Worse.UP);
  static final IndexMetric S7 = new IndexMetric("s7", 553.94770123, 0.406801712, Worse.DOWN);
  static final LifeModel MODEL =
      new LifeModel(122.0471631, -76.94157792, -9.439802194, 0.0856915844, 0.0016001407);
  static final RemainingLifeCalibration CALIBRATION =
      new RemainingLifeCalibration(
          new FleetBaseline(List.of(S2, S7), java.util.Map.of()), MODEL, 100, 8462, 0.5987);

  @TempDir Path dir;

  @Test
  void writesADocumentTheRulesParseIntoTheFittedCondition() throws IOException {
    Path file = dir.resolve("cmapss.json");

    RemainingLifeRule.write(file, CALIBRATION, Duration.ofHours(105));

    Rule rule = RuleFiles.load(file).get(0);
    RemainingLifeCondition condition = (RemainingLifeCondition) rule.condition();
    assertThat(condition.metrics())
        .containsExactly(
            new IndexMetric("s2", 642.3832, 0.3021857, Worse.UP),
            new IndexMetric("s7", 553.9477, 0.4068017, Worse.DOWN));
    assertThat(condition.model())
        .isEqualTo(new LifeModel(122.0472, -76.94158, -9.439802, 0.08569158, 0.001600141));
    assertThat(condition.horizon()).isEqualTo(Duration.ofHours(105));
    assertThat(rule.lifecycle().minPoints()).isEqualTo(3);
  }

  @Test
  void writesTheRuleDocumentWithTheFittedFiguresToSevenDigits() throws IOException {
    Path file = dir.resolve("rules/cmapss.json");

    RemainingLifeRule.write(file, CALIBRATION, Duration.ofHours(105));

    JsonNode rule = new ObjectMapper().readTree(file.toFile());
    assertThat(rule.get("id").asText()).isEqualTo("cmapss-remaining-life");
    assertThat(rule.get("version").asInt()).isEqualTo(1);
    assertThat(rule.get("schemaVersion").asInt()).isEqualTo(2);
    assertThat(rule.get("name").asText()).startsWith("Engine heading for failure");
    assertThat(rule.get("severity").asText()).isEqualTo("warning");
    assertThat(rule.get("minPoints").asInt()).isEqualTo(3);
    assertThat(rule.get("cooldown").asText()).isEqualTo("PT0S");
    JsonNode condition = rule.get("condition");
    assertThat(condition.get("type").asText()).isEqualTo("remaining-life");
    assertThat(condition.get("warmupPoints").asInt()).isEqualTo(30);
    assertThat(condition.get("smoothingHalfLife").asInt()).isEqualTo(10);
    assertThat(condition.get("unit").asText()).isEqualTo("PT1H");
    assertThat(condition.get("horizon").asText()).isEqualTo("PT105H");
    assertThat(condition.get("clearHorizon").asText()).isEqualTo("PT105H");
    JsonNode metrics = condition.get("metrics");
    assertThat(metrics).hasSize(2);
    assertThat(metrics.get(0).get("metric").asText()).isEqualTo("s2");
    assertThat(metrics.get(0).get("centre").asDouble()).isEqualTo(642.3832);
    assertThat(metrics.get(0).get("spread").asDouble()).isEqualTo(0.3021857);
    assertThat(metrics.get(0).get("worse").asText()).isEqualTo("up");
    assertThat(metrics.get(1).get("metric").asText()).isEqualTo("s7");
    assertThat(metrics.get(1).get("worse").asText()).isEqualTo("down");
    JsonNode model = condition.get("model");
    assertThat(model.get("intercept").asDouble()).isEqualTo(122.0472);
    assertThat(model.get("drift").asDouble()).isEqualTo(-76.94158);
    assertThat(model.get("initial").asDouble()).isEqualTo(-9.439802);
    assertThat(model.get("age").asDouble()).isEqualTo(0.08569158);
    assertThat(model.get("ageSquared").asDouble()).isEqualTo(0.001600141);
  }

  @Test
  void printsOneMetricPerLineAndEndsWithANewline() throws IOException {
    String text = RemainingLifeRule.text(CALIBRATION, Duration.ofHours(105));

    assertThat(text)
        .startsWith("{\n  \"id\": \"cmapss-remaining-life\",\n")
        .contains(
            "\n      {\"metric\": \"s2\", \"centre\": 642.3832, \"spread\": 0.3021857,"
                + " \"worse\": \"up\"},\n")
        .contains("\"ageSquared\": 0.001600141\n")
        .doesNotContain("E-")
        .endsWith("}\n");
  }
}
