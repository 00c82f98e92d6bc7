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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The committed NAB document means the same whatever a device's reporting interval: one series
 * replayed a second apart and an hour apart opens at the same readings.
 */
class CommittedNabDocumentTest {

  private static final Path NAB_RULES = Path.of("rules/nab.json");
  private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

  /** A noisy daily wave with a dip at 2500 and a lasting step at 5000. */
  private static double[] series() {
    Random random = new Random(11);
    double[] values = new double[8000];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          100
              + 10 * Math.sin(2 * Math.PI * i / 288.0)
              + random.nextGaussian()
              + (i >= 2500 && i < 2510 ? -70 : 0)
              + (i >= 5000 ? 25 : 0);
    }
    return values;
  }

  private static List<Integer> openings(List<Rule> rules, double[] values, Duration every) {
    List<Reading> readings = new ArrayList<>();
    Map<Instant, Integer> rows = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      Instant ts = T0.plus(every.multipliedBy(i));
      readings.add(new Reading("d", ts, i, null, Map.of(NabRun.METRIC, values[i]), Map.of()));
      rows.put(ts, i);
    }
    BacktestReport report = new Backtester(rules).run(readings);
    return report.opened().stream().map(e -> rows.get(e.occurredAt())).sorted().toList();
  }

  @Test
  void opensAtTheSameReadingsForADeviceReportingEverySecondAndEveryHour() throws IOException {
    List<Rule> rules = RuleFiles.load(NAB_RULES);
    double[] values = series();

    List<Integer> everySecond = openings(rules, values, Duration.ofSeconds(1));
    List<Integer> everyHour = openings(rules, values, Duration.ofHours(1));

    assertThat(everySecond).isNotEmpty().isEqualTo(everyHour);
    assertThat(everySecond).anyMatch(i -> i >= 2500 && i < 2510);
    assertThat(everySecond).anyMatch(i -> i >= 5000 && i < 5010);
  }

  @Test
  void keepsLessThan640BytesPerDevice() throws IOException {
    Rule rule = RuleFiles.load(NAB_RULES).get(0);
    double[] values = series();
    dev.forewarn.rules.RuleState state = null;
    int largest = 0;
    for (int i = 0; i < values.length; i++) {
      state =
          dev.forewarn.rules.Evaluators.evaluate(
                  rule,
                  state,
                  new Reading(
                      "d",
                      T0.plus(Duration.ofMinutes(5L * i)),
                      i,
                      null,
                      Map.of(NabRun.METRIC, values[i]),
                      Map.of()))
              .state();
      largest = Math.max(largest, dev.forewarn.rules.RuleStates.encode(state).length);
    }

    assertThat(largest).isLessThan(640);
  }
}
