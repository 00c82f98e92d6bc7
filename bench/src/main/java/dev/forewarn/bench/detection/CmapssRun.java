package dev.forewarn.bench.detection;

import dev.forewarn.rules.backtest.BacktestReport;
import dev.forewarn.rules.backtest.Backtester;
import dev.forewarn.rules.backtest.DeviceOutcome;
import dev.forewarn.rules.backtest.FailureTimes;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replays every engine of a C-MAPSS run-to-failure file through the rules, with each engine's last
 * cycle as its failure, and writes {@code cmapss/alerts.csv} and {@code cmapss.json}.
 */
final class CmapssRun {

  /** An alert further ahead of the failure than this is an early (false) alert. */
  static final long EARLY_HORIZON_CYCLES = 125;

  private CmapssRun() {}

  static CmapssResult run(Path file, List<Rule> rules, Path out, Consumer<String> progress)
      throws IOException {
    return run(file, rules, out, "cmapss", progress);
  }

  /**
   * Replays the engines of a run-to-failure file and writes {@code <name>/alerts.csv} and {@code
   * <name>.json}.
   */
  static CmapssResult run(
      Path file, List<Rule> rules, Path out, String name, Consumer<String> progress)
      throws IOException {
    List<Reading> readings = Cmapss.read(file);
    Cmapss.requireOneOperatingCondition(readings, file);
    Map<String, Long> lastCycles = Cmapss.lastCycles(readings);
    progress.accept(
        String.format(
            Locale.ROOT,
            "cmapss %s: %d engines, %d cycles",
            file,
            lastCycles.size(),
            readings.size()));
    Map<String, Instant> failures = new LinkedHashMap<>();
    lastCycles.forEach((device, cycle) -> failures.put(device, Cmapss.at(cycle)));
    BacktestReport report = replay(rules, readings, failures);
    int alerts = writeAlerts(report, out.resolve(name + "/alerts.csv"));

    CmapssResult result = summarise(report, lastCycles.size());
    Outputs.json(out.resolve(name + ".json"), result.toJson());
    progress.accept(
        String.format(
            Locale.ROOT,
            "%s: %d alerts; %.0f%% of engines alerted, lead median %.1f p10 %.1f p90 %.1f"
                + " cycles, %.0f%% with an alert more than %d cycles ahead",
            name,
            alerts,
            100 * result.alertedShare(),
            result.medianLead(),
            result.p10Lead(),
            result.p90Lead(),
            100 * result.earlyShare(),
            EARLY_HORIZON_CYCLES));
    return result;
  }

  /**
   * Replays engines cut off before failure, whose true remaining cycles after their last row are
   * known, and writes {@code cmapss-test.json}: the same figures, where "alerted" means before the
   * engine's data ends. Nothing in the rules was fitted on these engines.
   */
  static CmapssResult heldOut(
      Path file, Path remaining, List<Rule> rules, Path out, Consumer<String> progress)
      throws IOException {
    return heldOut(file, remaining, rules, out, "cmapss-test", progress);
  }

  /**
   * As {@link #heldOut(Path, Path, List, Path, Consumer)}, writing {@code <name>.json} and {@code
   * <name>/alerts.csv}.
   */
  static CmapssResult heldOut(
      Path file, Path remaining, List<Rule> rules, Path out, String name, Consumer<String> progress)
      throws IOException {
    List<Reading> readings = Cmapss.read(file);
    Cmapss.requireOneOperatingCondition(readings, file);
    Map<String, Long> lastCycles = Cmapss.lastCycles(readings);
    List<Long> after = Cmapss.remainingCycles(remaining);
    if (after.size() != lastCycles.size()) {
      throw new IllegalArgumentException(
          remaining
              + ": "
              + after.size()
              + " remaining-cycle lines for the "
              + lastCycles.size()
              + " engines of "
              + file);
    }
    Map<String, Instant> failures = new LinkedHashMap<>();
    for (int unit = 1; unit <= after.size(); unit++) {
      Long last = lastCycles.get(Cmapss.device(unit));
      if (last == null) {
        throw new IllegalArgumentException(file + ": no rows for engine " + unit);
      }
      failures.put(Cmapss.device(unit), Cmapss.at(last + after.get(unit - 1)));
    }
    BacktestReport report = replay(rules, readings, failures);
    writeAlerts(report, out.resolve(name + "/alerts.csv"));
    CmapssResult result = summarise(report, failures.size());
    Outputs.json(out.resolve(name + ".json"), result.toJson());
    progress.accept(
        String.format(
            Locale.ROOT,
            "cmapss held out (%s, %d engines cut off before failure): %.0f%% alerted before"
                + " their data ends, lead median %.1f p10 %.1f cycles, %.0f%% with an alert"
                + " more than %d cycles ahead",
            file.getFileName(),
            failures.size(),
            100 * result.alertedShare(),
            result.medianLead(),
            result.p10Lead(),
            100 * result.earlyShare(),
            EARLY_HORIZON_CYCLES));
    return result;
  }

  /** Writes {@code unit,cycle} of every case opened, by engine and cycle; returns their number. */
  private static int writeAlerts(BacktestReport report, Path file) throws IOException {
    List<String> alerts = new ArrayList<>(List.of("unit,cycle"));
    report.opened().stream()
        .sorted(
            Comparator.comparing((CaseEvent e) -> Cmapss.unitOf(e.deviceId()))
                .thenComparing(CaseEvent::occurredAt))
        .forEach(
            e -> alerts.add(Cmapss.unitOf(e.deviceId()) + "," + Cmapss.cycleOf(e.occurredAt())));
    Outputs.lines(file, alerts);
    return alerts.size() - 1;
  }

  private static BacktestReport replay(
      List<Rule> rules, List<Reading> readings, Map<String, Instant> failures) {
    return new Backtester(rules)
        .run(readings, new FailureTimes(failures, Cmapss.CYCLE.multipliedBy(EARLY_HORIZON_CYCLES)));
  }

  /** The figures over every engine with a known failure. */
  static CmapssResult summarise(BacktestReport report, int engines) {
    return summarise(report.outcomes().values(), engines);
  }

  /** The figures over these outcomes, out of {@code engines}. */
  static CmapssResult summarise(java.util.Collection<DeviceOutcome> outcomes, int engines) {
    List<Double> leads = new ArrayList<>();
    int early = 0;
    for (DeviceOutcome outcome : outcomes) {
      outcome.lead().ifPresent(lead -> leads.add((double) lead.dividedBy(Cmapss.CYCLE)));
      early += outcome.earlyAlerts() > 0 ? 1 : 0;
    }
    double[] sample = leads.stream().mapToDouble(Double::doubleValue).toArray();
    boolean any = sample.length > 0;
    return new CmapssResult(
        engines,
        (double) sample.length / engines,
        any ? Quantiles.percentile(sample, 50) : Double.NaN,
        any ? Quantiles.percentile(sample, 10) : Double.NaN,
        any ? Quantiles.percentile(sample, 90) : Double.NaN,
        (double) early / engines);
  }
}
