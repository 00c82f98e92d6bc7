package dev.forewarn.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forewarn.rules.Evaluation;
import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetTest {

  @Test
  void degradingDevicesFailAMinuteIntoALongOrOpenEndedRun() {
    assertThat(fleet("--duration", "600").failAfterWallSeconds()).isEqualTo(60);
    assertThat(fleet("--duration", "100").failAfterWallSeconds()).isEqualTo(60);
    assertThat(fleet().failAfterWallSeconds()).isEqualTo(60);
  }

  @Test
  void inAShortRunTheyFailAtSixtyPercentOfItButNotBeforeFifteenSeconds() {
    assertThat(fleet("--duration", "90").failAfterWallSeconds()).isEqualTo(54);
    assertThat(fleet("--duration", "20").failAfterWallSeconds()).isEqualTo(15);
  }

  @Test
  void theSimulatorPlaysThatFailureTimeOnItsClockUnderTheRunsOwnClientId() {
    Fleet fleet = fleet("--duration", "90", "--time-scale", "60");

    assertThat(String.join(" ", fleet.simulatorArgs("tcp://127.0.0.1:1883", "run-sim")))
        .contains("--client-id run-sim")
        .contains("--failure-after 3240s");
  }

  @Test
  void theJobLetsReadingsBeAsFarAheadAsTheSimulatedClockGetsInTheRun() {
    // 90 s of the run and the 60 s the simulator plays on, at a simulated minute a second.
    assertThat(fleet("--duration", "90", "--time-scale", "60").maxFutureSkew())
        .isEqualTo(Duration.ofSeconds(150 * 59).plusMinutes(5));
    assertThat(fleet("--time-scale", "1").maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void theDemoRuleOpensTheCaseOfADegradingCompressorWithAnEtaAndCustomerWords() {
    Rule rule = RuleJson.parse(Fleet.ruleJson("demo-compressor-overheat", List.of("demo-1")));
    // One reading a simulated minute, climbing 0.7 °C a minute from 70 °C, as the demo's ramp.
    List<Decision> decisions = replay(rule, minute -> 70 + 0.7 * minute + (minute % 2) * 0.3);

    Decision opened = decisions.get(0);
    assertThat(opened.kind()).isEqualTo(Decision.Kind.OPEN);
    assertThat(opened.eta()).isPresent();
    assertThat(opened.eta().get()).isAfter(opened.at());
    assertThat(rule.wording().orElseThrow().render("en", opened.evidence(), rule.condition()))
        .hasValueSatisfying(
            text ->
                assertThat(text)
                    .startsWith("The compressor is running hot: 8")
                    .endsWith(", limit 85 °C"));
    assertThat(rule.wording().orElseThrow().render("ko", opened.evidence(), rule.condition()))
        .hasValueSatisfying(text -> assertThat(text).startsWith("압축기가 과열되고 있습니다: 8"));
  }

  @Test
  void theDemoRuleLeavesAHealthyNoisyCompressorAlone() {
    Rule rule = RuleJson.parse(Fleet.ruleJson("demo-compressor-overheat", List.of("demo-1")));

    assertThat(replay(rule, minute -> 72 + Math.sin(minute) * 2 + minute * 0.01)).isEmpty();
  }

  @Test
  void aSenmlFleetIsPlayedAsSuchAndItsRuleNamesNoModelForSenmlCarriesNone() {
    Fleet fleet = fleet("--format", "senml");

    assertThat(String.join(" ", fleet.simulatorArgs("tcp://127.0.0.1:1883", "run-sim")))
        .endsWith("--format senml");
    assertThat(fleet.jobDeviceId("demo-1")).isEqualTo("demo-1");
    Rule rule = RuleJson.parse(fleet.rule("r", List.of("demo-1")));
    assertThat(rule.scope().models()).isEmpty();
    assertThat(rule.scope().deviceIds()).containsExactly("demo-1");
  }

  @Test
  void aSparkplugFleetsDevicesAreEdgeNodesOfTheirGroupAndKeepTheirModel() {
    Fleet fleet = fleet("--format", "sparkplug");

    assertThat(fleet.jobDeviceId("demo-1")).isEqualTo("forewarn.demo-1");
    Rule rule = RuleJson.parse(fleet.rule("r", List.of(fleet.jobDeviceId("demo-1"))));
    assertThat(rule.scope().models()).containsExactly(Fleet.MODEL);
    assertThat(rule.scope().deviceIds()).containsExactly("forewarn.demo-1");
  }

  @Test
  void anUnknownFormatIsRefusedWithTheOnesThereAre() {
    assertThatThrownBy(() -> fleet("--format", "cbor"))
        .hasMessage("--format: expected json, senml or sparkplug, got 'cbor'");
  }

  private static List<Decision> replay(Rule rule, java.util.function.IntToDoubleFunction temp) {
    Instant t0 = Instant.parse("2026-11-22T10:00:00Z");
    RuleState state = Evaluators.initialState(rule);
    List<Decision> decisions = new ArrayList<>();
    for (int minute = 0; minute < 40; minute++) {
      Reading reading =
          new Reading(
              "demo-1",
              t0.plusSeconds(60L * minute),
              minute,
              Fleet.MODEL,
              Map.of("compressor_temp_c", temp.applyAsDouble(minute)));
      Evaluation evaluation = Evaluators.evaluate(rule, state, reading);
      state = evaluation.state();
      evaluation.decision().ifPresent(decisions::add);
    }
    return decisions;
  }

  private static Fleet fleet(String... args) {
    return Fleet.of(DemoConfig.parse(args, Map.of()));
  }
}
