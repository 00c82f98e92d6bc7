package dev.forewarn.rules.document;

import static dev.forewarn.rules.RuleDocuments.documentWith;
import static dev.forewarn.rules.RuleDocuments.object;
import static dev.forewarn.rules.RuleDocuments.text;
import static dev.forewarn.rules.TestData.METRIC;
import static dev.forewarn.rules.TestData.drift;
import static dev.forewarn.rules.TestData.risingToward;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.rules.composite.CompositeCondition;
import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.drift.BaselineDriftCondition;
import dev.forewarn.rules.drift.DriftSide;
import dev.forewarn.rules.rate.RateOfChangeCondition;
import dev.forewarn.rules.rate.RateUnit;
import dev.forewarn.rules.silence.SilenceCondition;
import dev.forewarn.rules.threshold.ThresholdCondition;
import dev.forewarn.rules.trend.LearnedLimit;
import dev.forewarn.rules.trend.TrendForecastCondition;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON form of every condition type: round trips, defaults and refusals by path. */
class ConditionJsonTest {

  static Stream<Condition> conditions() {
    TrendForecastCondition trend = risingToward(80, Duration.ofHours(3));
    return Stream.of(
        new ThresholdCondition(METRIC, Direction.BELOW, 1.5, 2.0),
        new RateOfChangeCondition(
            METRIC, Direction.ABOVE, 2.5, 1.0, RateUnit.DAY, Duration.ofHours(6), 8, 5),
        trend,
        new TrendForecastCondition(
            METRIC,
            Direction.BELOW,
            null,
            new LearnedLimit(6, 40, Duration.ofHours(1), 0.1, 0.01),
            Duration.ofHours(3),
            Duration.ofHours(5),
            Duration.ofHours(2),
            24,
            10,
            0.7,
            0.3,
            0.5,
            Duration.ofMinutes(30)),
        drift(DriftSide.UP, 4.5, 5, 0.02, false),
        new SilenceCondition(null, Duration.ofMinutes(15)),
        new SilenceCondition(METRIC, Duration.ofHours(1)),
        CompositeCondition.any(
            new SilenceCondition(null, Duration.ofMinutes(15)),
            CompositeCondition.all(trend, drift(3))));
  }

  @ParameterizedTest
  @MethodSource("conditions")
  void everyConditionRoundTrips(Condition condition) {
    Rule rule = rule(condition);

    assertThat(RuleJson.parse(RuleJson.toJson(rule))).isEqualTo(rule);
  }

  @Test
  void fillsDefaults() {
    ObjectNode driftDoc = object().put("type", "baseline-drift").put("metric", METRIC).put("k", 4);
    ObjectNode trendDoc =
        object()
            .put("type", "trend-forecast")
            .put("metric", METRIC)
            .put("direction", "above")
            .put("limit", 80)
            .put("horizon", "PT3H")
            .put("window", "PT1H");

    assertThat(RuleJson.parse(text(documentWith(driftDoc))).condition())
        .isEqualTo(
            new BaselineDriftCondition(
                METRIC, DriftSide.BOTH, 4, 4, 100, 30, Duration.ZERO, 1, 0, 0, true));
    assertThat(RuleJson.parse(text(documentWith(trendDoc))).condition())
        .isEqualTo(
            new TrendForecastCondition(
                METRIC,
                Direction.ABOVE,
                80.0,
                null,
                Duration.ofHours(3),
                Duration.ofHours(3),
                Duration.ofHours(1),
                12,
                12,
                0.5,
                0,
                0.25,
                null));
  }

  @Test
  void refusesAFieldOfANestedConditionByItsFullPath() {
    ObjectNode rate =
        object()
            .put("type", "rate-of-change")
            .put("metric", METRIC)
            .put("direction", "above")
            .put("limit", 1)
            .put("per", "hour")
            .put("window", "PT2S")
            .put("buckets", 6);
    ObjectNode all = object().put("type", "all");
    all.putArray("conditions").add(object().put("type", "silence").put("after", "PT1M")).add(rate);

    assertThat(refused(documentWith(all)).field()).isEqualTo("condition.conditions[1].window");
    assertThat(refused(documentWith(all)).getMessage())
        .isEqualTo(
            "condition.conditions[1].window: must give each of the 6 buckets a second or more,"
                + " got PT2S");
  }

  @Test
  void refusesNonFiniteNumbersUnknownTypesAndTypos() {
    String nan =
        text(documentWith(object().put("type", "threshold").put("metric", METRIC)))
            .replace("}}", ",\"direction\":\"above\",\"level\":NaN}}");
    RuleValidationException e =
        catchThrowableOfType(RuleValidationException.class, () -> RuleJson.parse(nan));
    assertThat(e.field()).isEqualTo("condition.level");

    assertThat(refused(documentWith(object().put("type", "rate"))).getMessage())
        .startsWith("condition.type: unknown type \"rate\"; known types: threshold,");
    ObjectNode typo = object().put("type", "silence").put("after", "PT1M").put("metirc", "x");
    assertThat(refused(documentWith(typo)).getMessage())
        .startsWith("condition.metirc: unknown field; did you mean \"metric\"?");
  }

  @Test
  void refusesATrendWithBothOrNeitherLimitAndALearnedLimitWithoutSpreads() {
    ObjectNode trend =
        object()
            .put("type", "trend-forecast")
            .put("metric", METRIC)
            .put("direction", "above")
            .put("horizon", "PT3H")
            .put("window", "PT1H");
    assertThat(refused(documentWith(trend)).field()).isEqualTo("condition.limit");

    trend.putObject("learnedLimit").put("warmupPoints", 10);
    assertThat(refused(documentWith(trend)).field()).isEqualTo("condition.learnedLimit.spreads");
  }

  @Test
  void refusesAV1DocumentCarryingACondition() {
    ObjectNode doc = documentWith(object().put("type", "silence").put("after", "PT1M"));
    doc.put("schemaVersion", 1);

    assertThat(refused(doc).getMessage()).contains("set \"schemaVersion\": 2");
  }

  private static RuleValidationException refused(ObjectNode doc) {
    RuleValidationException e =
        catchThrowableOfType(RuleValidationException.class, () -> RuleJson.parse(text(doc)));
    assertThat(e).isNotNull();
    return e;
  }
}
