package dev.forewarn.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.backtest.BacktestReport;
import dev.forewarn.rules.backtest.Backtester;
import dev.forewarn.rules.backtest.RuleFiles;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.reading.Reading;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The committed NAB document holds whatever a device's reporting interval: its windows count
 * readings and its season follows the clock, so a daily cycle sampled every five minutes or every
 * hour is learned as one, and a dip and a lasting step in it open a case either way.
 */
class CommittedNabDocumentTest {

  private static final Path NAB_RULES = Path.of("rules/nab.json");
  private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
  private static final Instant DIP = T0.plus(Duration.ofDays(30)).plus(Duration.ofHours(9));
  private static final Instant STEP = T0.plus(Duration.ofDays(45)).plus(Duration.ofHours(15));
  private static final Instant END = T0.plus(Duration.ofDays(60));

  /** A noisy daily wave with a dip of three hours at DIP and a lasting step from STEP. */
  private static double value(Instant at, Random random) {
    double day = (at.getEpochSecond() % 86_400) / 86_400.0;
    boolean dip = !at.isBefore(DIP) && at.isBefore(DIP.plus(Duration.ofHours(3)));
    return 100
        + 10 * Math.sin(2 * Math.PI * day)
        + random.nextGaussian()
        + (dip ? -70 : 0)
        + (at.isBefore(STEP) ? 0 : 25);
  }

  private static List<Instant> openings(List<Rule> rules, Duration every) {
    Random random = new Random(11);
    List<Reading> readings = new ArrayList<>();
    long seq = 0;
    for (Instant at = T0; at.isBefore(END); at = at.plus(every)) {
      readings.add(
          new Reading("d", at, seq++, null, Map.of(NabRun.METRIC, value(at, random)), Map.of()));
    }
    BacktestReport report = new Backtester(rules).run(readings);
    return report.opened().stream().map(e -> e.occurredAt()).sorted().toList();
  }

  @Test
  void seesADipAndAStepInADailyCycleSampledEveryFiveMinutesOrEveryHour() throws IOException {
    List<Rule> rules = RuleFiles.load(NAB_RULES);

    for (Duration every : List.of(Duration.ofMinutes(5), Duration.ofHours(1))) {
      List<Instant> opened = openings(rules, every);

      assertThat(opened)
          .as("every %s", every)
          .anyMatch(t -> !t.isBefore(DIP) && t.isBefore(DIP.plus(Duration.ofHours(3))))
          .anyMatch(t -> !t.isBefore(STEP) && t.isBefore(STEP.plus(Duration.ofHours(6))));
      assertThat(opened)
          .as("every %s: the daily cycle itself opens nothing", every)
          .hasSizeLessThanOrEqualTo(3);
    }
  }

  @Test
  void keepsLessThan720BytesPerDevice() throws IOException {
    Rule rule = RuleFiles.load(NAB_RULES).get(0);
    Random random = new Random(12);
    dev.forewarn.rules.RuleState state = null;
    int largest = 0;
    long seq = 0;
    for (Instant at = T0; at.isBefore(END); at = at.plus(Duration.ofMinutes(5))) {
      state =
          dev.forewarn.rules.Evaluators.evaluate(
                  rule,
                  state,
                  new Reading(
                      "d", at, seq++, null, Map.of(NabRun.METRIC, value(at, random)), Map.of()))
              .state();
      largest = Math.max(largest, dev.forewarn.rules.RuleStates.encode(state).length);
    }

    assertThat(largest).isLessThan(720);
  }
}
