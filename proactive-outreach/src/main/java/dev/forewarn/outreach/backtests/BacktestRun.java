package dev.forewarn.outreach.backtests;

import dev.forewarn.history.TelemetryHistory;
import dev.forewarn.rules.backtest.BacktestReport;
import dev.forewarn.rules.backtest.Backtester;
import dev.forewarn.rules.backtest.DeviceOutcome;
import dev.forewarn.rules.backtest.FailureTimes;
import dev.forewarn.rules.backtest.ReplayOrder;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One backtest: reads each device's history window by window (so progress can be told and no single
 * query covers a year), puts it in the order live detection evaluates it, and replays it through
 * the rules library's {@link Backtester}, the evaluators the job runs. Devices are replayed one at
 * a time, each keeping its own state, as in the job; time passes to the end of the range (or now,
 * if sooner), so a device that falls silent shows as the job would see it.
 */
final class BacktestRun {

  /** Windows a device's range is read in, at most. */
  static final int MAX_WINDOWS = 20;

  /** Progress after each window: windows done, readings read so far. */
  interface Progress {
    void advanced(int stepsDone, long readings) throws InterruptedException;
  }

  private final Rule rule;
  private final List<String> devices;
  private final Instant from;
  private final Instant to;
  private final FailureTimes failures;

  BacktestRun(Rule rule, List<String> devices, Instant from, Instant to, FailureTimes failures) {
    this.rule = rule;
    this.devices = List.copyOf(devices);
    this.from = from;
    this.to = to;
    this.failures = failures;
  }

  /** How many windows each device's range is read in. */
  static int windows(Instant from, Instant to) {
    Duration range = Duration.between(from, to);
    Duration window = window(from, to);
    return (int) ((range.toMillis() + window.toMillis() - 1) / window.toMillis());
  }

  private static Duration window(Instant from, Instant to) {
    Duration range = Duration.between(from, to);
    Duration even = range.dividedBy(MAX_WINDOWS);
    Duration hour = Duration.ofHours(1);
    return even.compareTo(hour) < 0
        ? (range.compareTo(hour) < 0 ? range : hour)
        : even.plusMillis(1);
  }

  int steps() {
    return devices.size() * windows(from, to);
  }

  BacktestResult run(TelemetryHistory history, Instant now, Progress progress)
      throws InterruptedException {
    Backtester backtester = new Backtester(List.of(rule));
    Instant end = to.isAfter(now) ? now : to;
    Duration window = window(from, to);
    List<CaseEvent> events = new ArrayList<>();
    List<BacktestResult.DeviceResult> results = new ArrayList<>();
    long readings = 0;
    int steps = 0;
    for (String device : devices) {
      List<Reading> history1 = new ArrayList<>();
      for (Instant start = from; start.isBefore(to); start = start.plus(window)) {
        Instant stop = start.plus(window).isAfter(to) ? to : start.plus(window);
        history1.addAll(history.read(device, start, stop));
        progress.advanced(++steps, readings + history1.size());
      }
      readings += history1.size();
      BacktestReport report =
          backtester.run(ReplayOrder.sorted(history1), failures, end.isBefore(from) ? null : end);
      events.addAll(report.events());
      results.add(deviceResult(device, history1.size(), report));
    }
    return new BacktestResult(readings, cases(events), results);
  }

  private static BacktestResult.DeviceResult deviceResult(
      String device, long readings, BacktestReport report) {
    DeviceOutcome outcome = report.outcomes().get(device);
    return new BacktestResult.DeviceResult(
        device,
        readings,
        (int) report.opened().stream().filter(e -> e.deviceId().equals(device)).count(),
        new TreeMap<>(report.alertsPerWeek().getOrDefault(device, new TreeMap<>())),
        outcome == null ? null : outcome.failure(),
        outcome == null ? null : outcome.firstAlert().orElse(null),
        outcome == null ? null : outcome.lead().orElse(null),
        outcome == null ? null : outcome.earlyAlerts());
  }

  /** Each opening with the clearing of the same episode, when it came. */
  private static List<BacktestResult.WouldBeCase> cases(List<CaseEvent> events) {
    Map<String, Instant> cleared = new HashMap<>();
    for (CaseEvent event : events) {
      if (event.type() == CaseEvent.Type.CLEARED) {
        cleared.putIfAbsent(episode(event), event.occurredAt());
      }
    }
    List<BacktestResult.WouldBeCase> cases = new ArrayList<>();
    for (CaseEvent event : events) {
      if (event.type() == CaseEvent.Type.OPENED) {
        cases.add(
            new BacktestResult.WouldBeCase(
                event.deviceId(),
                event.ruleId(),
                event.ruleVersion(),
                event.severity().name(),
                event.occurredAt(),
                event.episodeStart(),
                cleared.get(episode(event)),
                event.summary(),
                event.evidence()));
      }
    }
    return cases;
  }

  private static String episode(CaseEvent event) {
    return event.deviceId() + "|" + event.ruleId() + "|" + event.episodeStart();
  }
}
