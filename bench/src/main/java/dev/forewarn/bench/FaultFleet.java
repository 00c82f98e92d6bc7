package dev.forewarn.bench;

import dev.forewarn.rules.backtest.Backtester;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.simulator.fleet.DeviceProfile;
import dev.forewarn.simulator.fleet.FleetPlan;
import dev.forewarn.simulator.fleet.FleetScript;
import dev.forewarn.simulator.fleet.FleetSettings;
import dev.forewarn.simulator.fleet.GroundTruth;
import dev.forewarn.simulator.fleet.Impairments;
import dev.forewarn.simulator.fleet.Outgoing;
import dev.forewarn.simulator.fleet.Pace;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fleet of one fault scenario and what it should cause, known before a reading is sent: the
 * device simulator's plan (some devices degrade toward failure at drawn times), every reading the
 * fleet sends and when, and the cases the rule must open on them, found by replaying those readings
 * through the rule with the backtester, that is through the evaluator the job runs.
 *
 * @param rule the rule document, published retained for the job
 * @param readings the fleet's readings in the order and at the times they are due
 * @param expectedOpened cases that must open, per {@code device/rule}
 * @param openingDueNanos wall time after the fleet's start at which each expected case's opening
 *     reading is due, in order
 */
record FaultFleet(
    String rule,
    GroundTruth truth,
    List<Outgoing.Telemetry> readings,
    Map<String, Long> expectedOpened,
    List<Long> openingDueNanos) {

  /** The metric the rule watches, which every reading carries. */
  static final String METRIC = DeviceProfile.TEMPERATURE;

  /**
   * @param prefix device ids are this and a number
   * @param ruleId the id of the rule document
   */
  static FaultFleet plan(String prefix, String ruleId, int devices, double rate, int seconds) {
    String rule =
        "{\"id\":\""
            + ruleId
            + "\",\"severity\":\"warning\",\"scope\":{\"models\":[\"AC-200\"]},"
            + "\"condition\":{\"type\":\"threshold\",\"metric\":\""
            + METRIC
            + "\",\"direction\":\"above\",\"level\":85,\"clearLevel\":80},\"minPoints\":2}";
    FleetSettings settings =
        new FleetSettings(
            devices,
            prefix,
            "AC-200",
            Math.max(1, devices / 4),
            0,
            0,
            95,
            Optional.empty(),
            Optional.empty(),
            7);
    Pace pace = new Pace(rate, Duration.ofSeconds(seconds), 0, 1, Instant.now());
    List<DeviceProfile> profiles = FleetPlan.plan(settings, pace);
    List<Outgoing.Telemetry> readings =
        FleetScript.all(profiles, pace, new Impairments(0.3, 0, 0, 0), 7).stream()
            .filter(Outgoing.Telemetry.class::isInstance)
            .map(Outgoing.Telemetry.class::cast)
            .toList();
    Map<String, Long> due = new HashMap<>();
    readings.forEach(r -> due.put(key(r.deviceId(), r.reading().ts()), r.dueNanos()));
    Rule parsed = RuleJson.parse(rule);
    List<CaseEvent> opened =
        new Backtester(List.of(parsed))
            .run(readings.stream().map(Outgoing.Telemetry::reading).toList())
            .opened();
    Map<String, Long> expected = new TreeMap<>();
    opened.forEach(e -> expected.merge(e.deviceId() + "/" + e.ruleId(), 1L, Long::sum));
    List<Long> openings =
        opened.stream()
            .map(e -> due.getOrDefault(key(e.deviceId(), e.occurredAt()), 0L))
            .sorted()
            .toList();
    return new FaultFleet(rule, GroundTruth.of(profiles), readings, expected, openings);
  }

  long expectedCases() {
    return expectedOpened.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * When to inject the fault, after the fleet's start: at the middle opening, so that about half of
   * the cases open before the fault and half after, but not in the first quarter of the run nor
   * after its first 60%.
   */
  Duration faultAt(int seconds) {
    long span = Duration.ofSeconds(seconds).toNanos();
    long middle =
        openingDueNanos.isEmpty() ? span / 3 : openingDueNanos.get(openingDueNanos.size() / 2);
    return Duration.ofNanos(Math.max(span / 4, Math.min(middle, span * 6 / 10)));
  }

  /**
   * When to start a fault that lasts {@code down}, after the fleet's start, so that as many cases
   * as possible are due to open while it lasts: the start of the {@code down}-long window holding
   * the most openings, a second before the first of them, and not in the first tenth of the run
   * (the job has checkpoints by then). Without openings, as {@link #faultAt}.
   */
  Duration faultAmidOpenings(int seconds, Duration down) {
    if (openingDueNanos.isEmpty()) {
      return faultAt(seconds);
    }
    long earliest = Duration.ofSeconds(seconds).toNanos() / 10;
    long window = Math.max(0, down.toNanos() - Duration.ofSeconds(1).toNanos());
    long best = openingDueNanos.get(0);
    int most = 0;
    for (int first = 0; first < openingDueNanos.size(); first++) {
      long start = openingDueNanos.get(first);
      int within = 0;
      for (int i = first; i < openingDueNanos.size(); i++) {
        within += openingDueNanos.get(i) - start <= window ? 1 : 0;
      }
      if (within > most) {
        most = within;
        best = start;
      }
    }
    return Duration.ofNanos(Math.max(earliest, best - Duration.ofSeconds(1).toNanos()));
  }

  /** How many cases are due to open between {@code from} and {@code from + length}. */
  long openingsWithin(Duration from, Duration length) {
    long start = from.toNanos();
    long end = start + length.toNanos();
    return openingDueNanos.stream().filter(due -> due >= start && due <= end).count();
  }

  private static String key(String device, Instant ts) {
    return device + "@" + ts.toEpochMilli();
  }
}
