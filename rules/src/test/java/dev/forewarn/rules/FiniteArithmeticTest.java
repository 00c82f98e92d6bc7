package dev.forewarn.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * A rule's arithmetic stays finite for any finite input: whatever finite values a device sends,
 * however extreme (±1.7e308, the largest and smallest doubles, sudden jumps between them), every
 * condition type evaluates without throwing, decides only with finite evidence, and its state
 * survives the bytes it is checkpointed as.
 */
class FiniteArithmeticTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @Property(tries = 500)
  void everyConditionStaysFiniteForAnyFiniteReadings(
      @ForAll("rules") Rule rule, @ForAll("values") @Size(min = 1, max = 60) List<Double> values) {
    RuleState state = null;
    List<Decision> decisions = new ArrayList<>();
    Instant at = T0;
    for (int i = 0; i < values.size(); i++) {
      at = at.plus(Duration.ofMinutes(1 + (i % 7)));
      Map<String, Double> metrics = new HashMap<>();
      metrics.put("m", values.get(i));
      metrics.put("n", values.get(values.size() - 1 - i));
      RuleClock.Result result = RuleClock.reading(rule, state, reading(at, i, metrics));
      decisions.addAll(result.decisions());
      state = RuleStates.decode(RuleStates.encode(result.state()));
    }
    decisions.addAll(RuleClock.until(rule, state, at.plus(Duration.ofDays(30))).decisions());

    assertThat(decisions)
        .allSatisfy(
            decision ->
                assertThat(decision.evidence().values()).allMatch(value -> Double.isFinite(value)));
  }

  @Provide
  Arbitrary<List<Double>> values() {
    Arbitrary<Double> extreme =
        Arbitraries.of(
            1.7e308,
            -1.7e308,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            0.0,
            -0.0,
            1e-300,
            -1e-300,
            1e154,
            -1e154);
    Arbitrary<Double> ordinary = Arbitraries.doubles().between(-1000, 1000);
    Arbitrary<Double> any = Arbitraries.doubles().between(-Double.MAX_VALUE, Double.MAX_VALUE);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, extreme),
            net.jqwik.api.Tuple.of(4, ordinary),
            net.jqwik.api.Tuple.of(2, any))
        .list();
  }

  @Provide
  Arbitrary<Rule> rules() {
    return Arbitraries.of(
            "{\"type\":\"threshold\",\"metric\":\"m\",\"direction\":\"above\",\"level\":1e308}",
            "{\"type\":\"threshold\",\"metric\":\"m\",\"direction\":\"below\",\"level\":-1.7e308}",
            "{\"type\":\"rate-of-change\",\"metric\":\"m\",\"direction\":\"above\",\"limit\":1e300,"
                + "\"per\":\"second\",\"window\":\"PT30M\",\"buckets\":6}",
            "{\"type\":\"rate-of-change\",\"metric\":\"m\",\"direction\":\"below\","
                + "\"limit\":-5,\"per\":\"day\",\"window\":\"PT10M\",\"buckets\":2}",
            "{\"type\":\"trend-forecast\",\"metric\":\"m\",\"direction\":\"above\",\"limit\":1e308,"
                + "\"horizon\":\"P1D\",\"window\":\"PT1H\",\"buckets\":6,\"minPointsInWindow\":3,"
                + "\"minFit\":0,\"escalateWithin\":\"PT1H\"}",
            "{\"type\":\"trend-forecast\",\"metric\":\"m\",\"direction\":\"below\","
                + "\"learnedLimit\":{\"spreads\":1e300,\"warmupPoints\":3},"
                + "\"horizon\":\"P1D\",\"window\":\"PT1H\",\"buckets\":6,\"minPointsInWindow\":3,"
                + "\"minFit\":0}",
            "{\"type\":\"baseline-drift\",\"metric\":\"m\",\"k\":3,\"warmupPoints\":3,"
                + "\"smoothingPoints\":3,\"minRelativeSpread\":1e300}",
            "{\"type\":\"baseline-drift\",\"metric\":\"m\",\"k\":3,\"warmupPoints\":2,"
                + "\"input\":\"delta\",\"freezeWhileDeviating\":false}",
            "{\"type\":\"baseline-drift\",\"metric\":\"m\",\"k\":2,\"warmupPoints\":2,"
                + "\"halfLife\":\"PT1H\",\"smoothing\":\"PT10M\",\"spreadHalfLife\":\"PT2H\","
                + "\"seasonality\":{\"period\":\"P1D\",\"bucket\":\"PT1H\",\"zone\":\"UTC\"}}",
            "{\"type\":\"silence\",\"metric\":\"m\",\"after\":\"PT3M\"}",
            "{\"type\":\"deviation-index\",\"metrics\":[\"m\",\"n\"],\"warmupPoints\":3,"
                + "\"smoothingHalfLife\":2,\"k\":3,"
                + "\"forecast\":{\"window\":4,\"limit\":1e300,\"horizon\":5}}",
            "{\"type\":\"deviation-index\",\"metrics\":[\"m\",\"n\"],\"warmupPoints\":2,"
                + "\"aggregate\":\"mean-abs\",\"k\":2}",
            "{\"type\":\"remaining-life\",\"metrics\":["
                + "{\"metric\":\"m\",\"centre\":1e308,\"spread\":1e-300,\"worse\":\"up\"},"
                + "{\"metric\":\"n\",\"centre\":-1,\"spread\":2,\"worse\":\"down\"}],"
                + "\"warmupPoints\":2,\"unit\":\"PT1H\",\"ageMetric\":\"n\","
                + "\"model\":{\"intercept\":1e308,\"drift\":-1e308,\"initial\":1e300,"
                + "\"age\":1e-300,\"ageSquared\":1e308},\"horizon\":\"PT100H\"}",
            "{\"type\":\"all\",\"conditions\":["
                + "{\"type\":\"threshold\",\"metric\":\"m\",\"direction\":\"above\",\"level\":0},"
                + "{\"type\":\"rate-of-change\",\"metric\":\"n\",\"direction\":\"above\","
                + "\"limit\":0,\"per\":\"hour\",\"window\":\"PT20M\",\"buckets\":4}]}",
            "{\"type\":\"any\",\"conditions\":["
                + "{\"type\":\"silence\",\"after\":\"PT5M\"},"
                + "{\"type\":\"trend-forecast\",\"metric\":\"n\",\"direction\":\"below\","
                + "\"limit\":-1e308,\"horizon\":\"PT1H\",\"window\":\"PT30M\",\"buckets\":3}]}",
            "{\"type\":\"any-opens\",\"cooldown\":\"PT10M\",\"conditions\":["
                + "{\"condition\":{\"type\":\"baseline-drift\",\"metric\":\"m\",\"k\":1,"
                + "\"warmupPoints\":2}},"
                + "{\"condition\":{\"type\":\"threshold\",\"metric\":\"n\","
                + "\"direction\":\"below\",\"level\":-1e307}}]}")
        .map(FiniteArithmeticTest::rule);
  }

  private static Rule rule(String condition) {
    return RuleJson.parse(
        "{\"id\":\"finite\",\"version\":1,\"schemaVersion\":2,\"severity\":\"warning\","
            + "\"condition\":"
            + condition
            + ",\"minPoints\":1,\"cooldown\":\"PT0S\"}");
  }

  private static Reading reading(Instant at, long seq, Map<String, Double> metrics) {
    return new Reading("dev-finite", at, seq, "", metrics);
  }
}
