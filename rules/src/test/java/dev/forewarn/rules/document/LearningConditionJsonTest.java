package dev.forewarn.rules.document;

import static dev.forewarn.rules.RuleDocuments.documentWith;
import static dev.forewarn.rules.RuleDocuments.text;
import static dev.forewarn.rules.TestData.METRIC;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.rules.composite.AnyOpensCondition;
import dev.forewarn.rules.composite.CompositeCondition;
import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.drift.BaselineDriftCondition;
import dev.forewarn.rules.drift.DriftInput;
import dev.forewarn.rules.drift.DriftSide;
import dev.forewarn.rules.drift.Seasonality;
import dev.forewarn.rules.index.DeviationIndexCondition;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON of event-time drift, any-opens and the deviation index: round trips and refusals. */
class LearningConditionJsonTest {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  static BaselineDriftCondition weekly() {
    return new BaselineDriftCondition(
        METRIC,
        DriftSide.BOTH,
        6.4,
        3.2,
        100,
        2,
        Duration.ofDays(7),
        1,
        0,
        0,
        true,
        DriftInput.VALUE,
        Duration.ofDays(28),
        Duration.ofDays(30),
        null,
        new Seasonality(Duration.ofDays(7), Duration.ofHours(1), ZoneId.of("Europe/Paris")));
  }

  static Stream<Condition> conditions() {
    BaselineDriftCondition step =
        new BaselineDriftCondition(
            METRIC,
            DriftSide.UP,
            4.8,
            2.4,
            100,
            2,
            Duration.ofDays(1),
            1,
            0,
            0,
            false,
            DriftInput.DELTA,
            Duration.ofDays(7),
            null,
            Duration.ofMinutes(15),
            null);
    return Stream.of(
        weekly(),
        step,
        new AnyOpensCondition(
            Duration.ofDays(2),
            List.of(
                new AnyOpensCondition.Opener(weekly(), 2, Duration.ofDays(2)),
                new AnyOpensCondition.Opener(
                    CompositeCondition.all(step, weekly()), 3, Duration.ZERO))),
        new DeviationIndexCondition(
            List.of("s2", "s3"),
            30,
            0.001,
            Map.of("s3", 0.01),
            3,
            DeviationIndexCondition.Aggregate.MEAN_ABS,
            1.3,
            1.1,
            null),
        new DeviationIndexCondition(
            List.of("s2"),
            30,
            0,
            Map.of(),
            0,
            DeviationIndexCondition.Aggregate.RMS,
            1.2,
            1.2,
            new DeviationIndexCondition.IndexForecast(20, 2, 45, 0.001)));
  }

  @ParameterizedTest
  @MethodSource("conditions")
  void roundTrips(Condition condition) {
    Rule rule = rule(condition);

    assertThat(RuleJson.parse(RuleJson.toJson(rule))).isEqualTo(rule);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "{\"type\":\"baseline-drift\",\"metric\":\"m\",\"k\":4,\"halfLife\":\"P1D\","
                + "\"seasonality\":{\"period\":\"P1D\",\"bucket\":\"PT7H\"}}",
            "condition.seasonality.period",
            "whole multiple"),
        Arguments.of(
            "{\"type\":\"baseline-drift\",\"metric\":\"m\",\"k\":4,\"halfLife\":\"P1D\","
                + "\"seasonality\":{\"period\":\"P7D\",\"bucket\":\"PT1M\"}}",
            "condition.seasonality.bucket",
            "at most 2016"),
        Arguments.of(
            "{\"type\":\"baseline-drift\",\"metric\":\"m\",\"k\":4,\"halfLife\":\"P1D\","
                + "\"seasonality\":{\"period\":\"P1D\",\"bucket\":\"PT1H\",\"zone\":\"Mars/Base\"}}",
            "condition.seasonality.zone",
            "not a time zone"),
        Arguments.of(
            "{\"type\":\"baseline-drift\",\"metric\":\"m\",\"k\":4,\"spreadHalfLife\":\"P1D\"}",
            "condition.spreadHalfLife",
            "needs halfLife"),
        Arguments.of(
            "{\"type\":\"baseline-drift\",\"metric\":\"m\",\"k\":4,\"input\":\"rate\"}",
            "condition.input",
            "not one of value, delta"),
        Arguments.of(
            "{\"type\":\"any\",\"conditions\":[{\"type\":\"any-opens\",\"cooldown\":\"P1D\","
                + "\"conditions\":[{\"condition\":{\"type\":\"silence\",\"after\":\"PT1H\"}}]}]}",
            "condition.conditions[0]",
            "may only be a rule's own condition"),
        Arguments.of(
            "{\"type\":\"any-opens\",\"cooldown\":\"P1D\",\"conditions\":[{\"condition\":"
                + "{\"type\":\"silence\",\"after\":\"PT1H\"},\"minPoints\":0}]}",
            "condition.conditions[0].minPoints",
            "1 or more"),
        Arguments.of(
            "{\"type\":\"any-opens\",\"conditions\":[{\"condition\":"
                + "{\"type\":\"silence\",\"after\":\"PT1H\"}}]}",
            "condition.cooldown",
            ""),
        Arguments.of(
            "{\"type\":\"deviation-index\",\"metrics\":[\"a\"],\"k\":1,\"minSpreads\":{\"b\":1}}",
            "condition.minSpreads.b",
            "not one of the metrics"),
        Arguments.of(
            "{\"type\":\"deviation-index\",\"metrics\":[\"a\"],\"k\":1,\"aggregate\":\"max\"}",
            "condition.aggregate",
            "rms, mean-abs"),
        Arguments.of(
            "{\"type\":\"deviation-index\",\"metrics\":[\"a\"],\"k\":1,"
                + "\"forecast\":{\"window\":100,\"limit\":2,\"horizon\":10}}",
            "condition.forecast.window",
            "at most 60"),
        Arguments.of(
            "{\"type\":\"deviation-index\",\"metrics\":[\"a\"],\"k\":1,"
                + "\"forecast\":{\"limit\":2}}",
            "condition.forecast.horizon",
            "required"),
        Arguments.of(
            "{\"type\":\"deviation-index\",\"metrics\":[\"a\",\"a\"],\"k\":1}",
            "condition.metrics[1]",
            "appears twice"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void refusesABadFieldByItsPath(String condition, String field, String problem) throws Exception {
    ObjectNode doc = documentWith((ObjectNode) MAPPER.readTree(condition));

    RuleValidationException e =
        catchThrowableOfType(() -> RuleJson.parse(text(doc)), RuleValidationException.class);

    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.problem()).contains(problem);
  }

  @Test
  void fillsTheEventTimeDefaults() throws Exception {
    ObjectNode doc =
        documentWith(
            (ObjectNode)
                MAPPER.readTree(
                    "{\"type\":\"baseline-drift\",\"metric\":\"m\",\"k\":4,\"halfLife\":\"P1D\"}"));

    BaselineDriftCondition drift = (BaselineDriftCondition) RuleJson.parse(text(doc)).condition();

    assertThat(drift.spreadHalfLife()).isEqualTo(Duration.ofDays(1));
    assertThat(drift.smoothing()).isEqualTo(Duration.ZERO);
    assertThat(drift.input()).isEqualTo(DriftInput.VALUE);
    assertThat(drift.eventTime()).isTrue();
  }
}
