package dev.forewarn.rules.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rule's customer wording: per language, with units, checked against the rule's condition. */
class CustomerWordingTest {

  private static final String OVERHEAT =
      """
      {"id": "compressor-overheat", "severity": "warning",
       "condition": {"type": "threshold", "metric": "compressor_temp_c", "direction": "above",
                     "level": 85.0, "clearLevel": 80.0},
       "customerWording": {
         "text": {"en": "The compressor is running hot: {value}, limit {level}",
                  "ko": "압축기가 과열되고 있습니다: {value}, 기준 {level}"},
         "units": {"compressor_temp_c": "°C"}}}
      """;

  @Test
  void fillsTheCustomersLanguageWithValuesAndUnits() {
    Rule rule = RuleJson.parse(OVERHEAT);
    Map<String, Double> evidence = Map.of("value", 86.02, "level", 85.0, "clear_level", 80.0);

    CustomerWording wording = rule.wording().orElseThrow();

    assertThat(wording.render("en", evidence, rule.condition()))
        .hasValue("The compressor is running hot: 86 °C, limit 85 °C");
    assertThat(wording.render("ko-KR", evidence, rule.condition()))
        .hasValue("압축기가 과열되고 있습니다: 86 °C, 기준 85 °C");
    assertThat(wording.render("de", evidence, rule.condition()))
        .as("a language without a text falls back to English")
        .hasValue("The compressor is running hot: 86 °C, limit 85 °C");
    assertThat(wording.render(null, Map.of("level", 85.0), rule.condition()))
        .as("evidence the case lacks: no sentence rather than a broken one")
        .isEmpty();
  }

  @Test
  void writesAndReadsBackTheSameRule() {
    Rule rule = RuleJson.parse(OVERHEAT);

    Rule again = RuleJson.parse(RuleJson.toJson(rule));

    assertThat(again).isEqualTo(rule);
    assertThat(RuleJson.toJson(rule)).contains("\"customerWording\"", "°C");
  }

  @Test
  void childrenOfACompositeAreNamedByTheirPath() {
    Rule rule =
        RuleJson.parse(
            """
            {"id": "compressor-failing", "severity": "warning",
             "condition": {"type": "any", "conditions": [
               {"type": "threshold", "metric": "compressor_temp_c", "direction": "above",
                "level": 85.0},
               {"type": "trend-forecast", "metric": "compressor_temp_c", "direction": "above",
                "limit": 95.0, "horizon": "PT30M", "window": "PT12M", "buckets": 6}]},
             "customerWording": {"text": {"en": "Heating up: {conditions[1].value}, failing at {conditions[1].limit}"},
                                 "units": {"compressor_temp_c": "°C"}}}
            """);

    assertThat(
            rule.wording()
                .orElseThrow()
                .render(
                    "en",
                    Map.of("conditions[1].value", 82.46, "conditions[1].limit", 95.0),
                    rule.condition()))
        .hasValue("Heating up: 82.5 °C, failing at 95 °C");
  }

  @Test
  void aRuleWithoutWordingStaysValidAndHasNone() {
    Rule rule = RuleJson.parse(OVERHEAT.replaceAll("(?s),\\s*\"customerWording\".*}}}", "}"));

    assertThat(rule.wording()).isEmpty();
    assertThat(RuleJson.toJson(rule)).doesNotContain("customerWording");
  }

  @Test
  void anUnknownPlaceholderIsRefusedNamingTheLanguage() {
    RuleValidationException refused =
        catchThrowableOfType(
            RuleValidationException.class,
            () -> RuleJson.parse(OVERHEAT.replace("기준 {level}", "기준 {levle}")));

    assertThat(refused.field()).isEqualTo("customerWording.text.ko");
    assertThat(refused.problem()).contains("{levle}", "known: value, level, clear_level");
  }

  @Test
  void englishIsRequired() {
    RuleValidationException refused =
        catchThrowableOfType(
            RuleValidationException.class,
            () ->
                RuleJson.parse(
                    OVERHEAT.replace(
                        "\"en\": \"The compressor is running hot: {value}, limit {level}\",", "")));

    assertThat(refused.field()).isEqualTo("customerWording.text.en");
  }

  @Test
  void aUnitForAMetricTheRuleDoesNotWatchIsRefused() {
    RuleValidationException refused =
        catchThrowableOfType(
            RuleValidationException.class,
            () ->
                RuleJson.parse(
                    OVERHEAT.replace("\"compressor_temp_c\": \"°C\"", "\"temp\": \"°C\"")));

    assertThat(refused.field()).isEqualTo("customerWording.units.temp");
  }

  @Test
  void aBadLanguageTagOrUnknownFieldIsRefused() {
    assertThat(
            catchThrowableOfType(
                    RuleValidationException.class,
                    () -> RuleJson.parse(OVERHEAT.replace("\"ko\":", "\"Korean\":")))
                .field())
        .isEqualTo("customerWording.text.Korean");
    assertThat(
            catchThrowableOfType(
                    RuleValidationException.class,
                    () -> RuleJson.parse(OVERHEAT.replace("\"units\"", "\"unit\"")))
                .field())
        .isEqualTo("customerWording.unit");
  }

  @Test
  void numbersAreWrittenWithOneDecimalAtMost() {
    assertThat(CustomerWording.withUnit(86.02, "°C")).isEqualTo("86 °C");
    assertThat(CustomerWording.withUnit(2.25, "bar")).isEqualTo("2.3 bar");
    assertThat(CustomerWording.withUnit(-0.01, null)).isEqualTo("0");
    assertThat(CustomerWording.withUnit(40, "%")).isEqualTo("40%");
  }
}
