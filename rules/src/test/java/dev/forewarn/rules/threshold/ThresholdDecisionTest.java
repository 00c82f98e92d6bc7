package dev.forewarn.rules.threshold;

import static dev.forewarn.rules.TestData.HOT;
import static dev.forewarn.rules.TestData.NORMAL;
import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.T0_PLUS_10M;
import static dev.forewarn.rules.TestData.T0_PLUS_1M;
import static dev.forewarn.rules.TestData.T0_PLUS_2M;
import static dev.forewarn.rules.TestData.T0_PLUS_3M;
import static dev.forewarn.rules.TestData.T0_PLUS_4M;
import static dev.forewarn.rules.TestData.T0_PLUS_5M;
import static dev.forewarn.rules.TestData.WARM;
import static dev.forewarn.rules.TestData.overheat;
import static dev.forewarn.rules.TestData.reading;
import static dev.forewarn.rules.TestData.threshold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.forewarn.rules.Replay;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.reading.Reading;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What a threshold decision says: evidence, summary, rule version and severity. */
class ThresholdDecisionTest {

  private static Reading[] breachThenRecovery() {
    return new Reading[] {
      reading(T0, HOT),
      reading(T0_PLUS_1M, 91.5),
      reading(T0_PLUS_2M, 86.4),
      reading(T0_PLUS_3M, WARM),
      reading(T0_PLUS_10M, 79.25)
    };
  }

  @Test
  void openCarriesValueLevelsPointsAndBreachDurationSortedByName() {
    Decision open = Replay.of(overheat()).feed(breachThenRecovery()).decisions().get(0);

    assertThat(open.evidence())
        .containsExactly(
            entry("breach_seconds", 120.0),
            entry("clear_level", 80.0),
            entry("level", 85.0),
            entry("points", 3.0),
            entry("value", 86.4));
    assertThat(open.summary()).isEqualTo("compressor_temp_c above 85.0 for 2m (now 86.4)");
  }

  @Test
  void clearCarriesClearingValueAndEpisodeDuration() {
    Decision clear = Replay.of(overheat()).feed(breachThenRecovery()).decisions().get(1);

    assertThat(clear.evidence())
        .containsExactly(
            entry("breach_seconds", 600.0),
            entry("clear_level", 80.0),
            entry("level", 85.0),
            entry("value", 79.25));
    assertThat(clear.summary())
        .isEqualTo("compressor_temp_c back to 79.25 (clear level 80.0) after 10m");
  }

  @Test
  void belowSummarySaysBelow() {
    Rule rule = threshold().below(10.0, 15.0).build();

    Decision open =
        Replay.of(rule)
            .feed(reading(T0, 9.0), reading(T0_PLUS_1M, 8.0), reading(T0_PLUS_2M, 7.125))
            .decisions()
            .get(0);

    assertThat(open.summary()).isEqualTo("compressor_temp_c below 10.0 for 2m (now 7.125)");
  }

  @Test
  void summaryDoesNotDependOnTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      Decision open = Replay.of(overheat()).feed(breachThenRecovery()).decisions().get(0);
      assertThat(open.summary()).contains("85.0").contains("86.4");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void decisionCarriesRuleIdVersionAndSeverity() {
    Rule rule = threshold().version(7).severity(Severity.CRITICAL).build();

    Decision open = Replay.of(rule).feed(breachThenRecovery()).decisions().get(0);

    assertThat(open.ruleId()).isEqualTo("compressor-overheat");
    assertThat(open.ruleVersion()).isEqualTo(7);
    assertThat(open.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void sameReadingsGiveEqualDecisionsEveryTime() {
    List<Decision> first = Replay.of(overheat()).feed(breachThenRecovery()).decisions();
    List<Decision> second = Replay.of(overheat()).feed(breachThenRecovery()).decisions();

    assertThat(second).isEqualTo(first);
    assertThat(second.toString()).isEqualTo(first.toString());
  }

  @Test
  void storingStateAsBytesBetweenReadingsChangesNoDecision() {
    Reading[] readings = {
      reading(T0, HOT),
      reading(T0_PLUS_1M, HOT),
      reading(T0_PLUS_1M, NORMAL),
      reading(T0_PLUS_2M.plusNanos(1), HOT),
      reading(T0_PLUS_3M, WARM),
      reading(T0_PLUS_4M, NORMAL),
      reading(T0_PLUS_5M, HOT)
    };

    Replay inMemory = Replay.of(overheat()).feed(readings);
    Replay throughBytes = Replay.storingStateAsBytes(overheat()).feed(readings);

    assertThat(throughBytes.decisions()).isEqualTo(inMemory.decisions()).hasSize(2);
    assertThat(throughBytes.state()).isEqualTo(inMemory.state());
  }
}
