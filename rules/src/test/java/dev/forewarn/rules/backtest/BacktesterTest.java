package dev.forewarn.rules.backtest;

import static dev.forewarn.rules.backtest.Series.COOL;
import static dev.forewarn.rules.backtest.Series.HOT;
import static dev.forewarn.rules.backtest.Series.PUMP_1;
import static dev.forewarn.rules.backtest.Series.PUMP_2;
import static dev.forewarn.rules.backtest.Series.T0;
import static dev.forewarn.rules.backtest.Series.hours;
import static dev.forewarn.rules.backtest.Series.overheat;
import static dev.forewarn.rules.backtest.Series.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.forewarn.rules.Evaluation;
import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BacktesterTest {

  @Test
  void producesTheSameEventsAsCallingTheEvaluatorPerDevice() {
    List<Reading> interleaved =
        List.of(
            reading(PUMP_1, hours(0), COOL),
            reading(PUMP_2, hours(0), HOT),
            reading(PUMP_1, hours(1), HOT),
            reading(PUMP_2, hours(1), HOT),
            reading(PUMP_1, hours(2), COOL),
            reading(PUMP_2, hours(2), COOL),
            reading(PUMP_1, hours(3), HOT));

    BacktestReport report = new Backtester(List.of(overheat())).run(interleaved);

    List<CaseEvent> expected = new ArrayList<>();
    expected.addAll(byHand(interleaved, PUMP_1));
    expected.addAll(byHand(interleaved, PUMP_2));
    assertThat(report.events()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(report.events())
        .extracting(CaseEvent::deviceId, CaseEvent::type, CaseEvent::occurredAt)
        .containsExactly(
            tuple(PUMP_2, CaseEvent.Type.OPENED, hours(0)),
            tuple(PUMP_1, CaseEvent.Type.OPENED, hours(1)),
            tuple(PUMP_1, CaseEvent.Type.CLEARED, hours(2)),
            tuple(PUMP_2, CaseEvent.Type.CLEARED, hours(2)),
            tuple(PUMP_1, CaseEvent.Type.OPENED, hours(3)));
    assertThat(report.opened()).hasSize(3).allMatch(e -> e.ruleVersion() == 3);
  }

  @Test
  void leavesDevicesOutsideTheRulesScopeAlone() {
    Reading otherModel = new Reading("fan-1", hours(0), 0, "F-1", Map.of(Series.METRIC, HOT));

    BacktestReport report = new Backtester(List.of(overheat())).run(List.of(otherModel));

    assertThat(report.events()).isEmpty();
    assertThat(report.alertsPerWeek()).isEmpty();
  }

  @Test
  void countsOpenedCasesPerDeviceAndIsoWeek() {
    // 2020-12-31 and 2021-01-01 fall in ISO week 2020-W53; 2021-01-04 starts 2021-W01.
    Instant thursday = Instant.parse("2020-12-31T08:00:00Z");
    List<Reading> readings =
        List.of(
            reading(PUMP_1, thursday, HOT),
            reading(PUMP_1, thursday.plus(Duration.ofHours(1)), COOL),
            reading(PUMP_1, thursday.plus(Duration.ofDays(1)), HOT),
            reading(PUMP_1, thursday.plus(Duration.ofDays(2)), COOL),
            reading(PUMP_1, thursday.plus(Duration.ofDays(4)), HOT));

    BacktestReport report = new Backtester(List.of(overheat())).run(readings);

    assertThat(report.alertsPerWeek()).containsOnlyKeys(PUMP_1);
    assertThat(report.alertsPerWeek().get(PUMP_1))
        .containsExactly(Map.entry("2020-W53", 2), Map.entry("2021-W01", 1));
  }

  @Test
  void reportsAlertsPerDeviceAndWeekOfItsData() {
    List<Reading> readings = new java.util.ArrayList<>();
    for (int day = 0; day <= 14; day++) {
      readings.add(reading(PUMP_1, T0.plus(Duration.ofDays(day)), day % 7 == 3 ? HOT : COOL));
      readings.add(reading(PUMP_2, T0.plus(Duration.ofDays(day)), COOL));
    }

    BacktestReport report = new Backtester(List.of(overheat())).run(readings);

    DeviceActivity pump1 = report.devices().get(PUMP_1);
    assertThat(pump1.readings()).isEqualTo(15);
    assertThat(pump1.opened()).isEqualTo(2);
    assertThat(pump1.weeks()).isEqualTo(2.0);
    assertThat(pump1.alertsPerWeek()).isEqualTo(1.0);
    assertThat(pump1.learning()).isFalse();
    assertThat(report.devices().get(PUMP_2).alertsPerWeek()).isZero();
    assertThat(report.alertsPerDeviceWeek()).isEqualTo(0.5);
  }

  @Test
  void measuresTheLeadOfTheFirstAlertAndCountsAlertsBeforeTheHorizon() {
    List<Reading> readings =
        List.of(
            reading(PUMP_1, hours(5), HOT), // more than 10 h before the failure: early
            reading(PUMP_1, hours(6), COOL),
            reading(PUMP_1, hours(95), HOT), // timely
            reading(PUMP_1, hours(96), COOL),
            reading(PUMP_1, hours(120), HOT)); // after the failure: not counted
    FailureTimes failures =
        new FailureTimes(Map.of(PUMP_1, hours(100), PUMP_2, hours(50)), Duration.ofHours(10));

    BacktestReport report = new Backtester(List.of(overheat())).run(readings, failures);

    DeviceOutcome pump1 = report.outcomes().get(PUMP_1);
    assertThat(pump1.firstAlert()).contains(hours(5));
    assertThat(pump1.lead()).contains(Duration.ofHours(95));
    assertThat(pump1.earlyAlerts()).isEqualTo(1);
    DeviceOutcome pump2 = report.outcomes().get(PUMP_2);
    assertThat(pump2.alerted()).isFalse();
    assertThat(pump2.lead()).isEmpty();
    assertThat(pump2.earlyAlerts()).isZero();
  }

  @Test
  void anAlertExactlyAtTheHorizonIsTimely() {
    FailureTimes failures = new FailureTimes(Map.of(PUMP_1, hours(10)), Duration.ofHours(10));

    BacktestReport report =
        new Backtester(List.of(overheat())).run(List.of(reading(PUMP_1, hours(0), HOT)), failures);

    assertThat(report.outcomes().get(PUMP_1).earlyAlerts()).isZero();
    assertThat(report.outcomes().get(PUMP_1).lead()).contains(Duration.ofHours(10));
  }

  @Test
  void refusesAnEmptyRuleListAndANegativeHorizon() {
    assertThatThrownBy(() -> new Backtester(List.of())).hasMessageStartingWith("rules:");
    assertThatThrownBy(() -> new FailureTimes(Map.of(), Duration.ofHours(-1)))
        .hasMessageStartingWith("earlyHorizon:");
  }

  private static List<CaseEvent> byHand(List<Reading> readings, String device) {
    List<CaseEvent> events = new ArrayList<>();
    RuleState state = null;
    for (Reading reading : readings) {
      if (reading.deviceId().equals(device)) {
        Evaluation evaluation = Evaluators.evaluate(overheat(), state, reading);
        state = evaluation.state();
        Optional<CaseEvent> event = evaluation.decision().map(d -> CaseEvent.of(device, d));
        event.ifPresent(events::add);
      }
    }
    return events;
  }
}
