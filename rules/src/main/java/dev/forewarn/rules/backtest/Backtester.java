package dev.forewarn.rules.backtest;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.RuleClock;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Replays readings through rules with {@link RuleClock}, exactly as the streaming job does: per
 * device and rule one state, readings in the order given (which must be event-time order per device
 * for the replay to mean what live detection means), time let pass before each reading and at the
 * end, rules only on the devices their scope (tags included) names. Devices may be interleaved;
 * each keeps its own state.
 */
public final class Backtester {

  private final List<Rule> rules;

  /**
   * @param rules the rules to replay, each evaluated independently; at least one
   */
  public Backtester(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    if (this.rules.isEmpty()) {
      throw new IllegalArgumentException("rules: at least one rule is needed");
    }
  }

  /** Replays readings with no failure times known. */
  public BacktestReport run(Iterable<Reading> readings) {
    return run(readings, FailureTimes.NONE);
  }

  /**
   * Replays readings and judges the alerts against known failure times; time passes up to the
   * newest reading, so a silence that began before it is seen.
   */
  public BacktestReport run(Iterable<Reading> readings, FailureTimes failures) {
    return run(readings, failures, null);
  }

  /**
   * Replays readings, then lets time pass with no reading up to {@code end} (null: the newest
   * reading's time) for every device and rule, as the job's timers do when the watermark moves on.
   */
  public BacktestReport run(Iterable<Reading> readings, FailureTimes failures, Instant end) {
    Map<String, RuleState[]> states = new LinkedHashMap<>();
    Map<String, Instant[]> spans = new HashMap<>();
    Map<String, Long> counts = new HashMap<>();
    List<CaseEvent> events = new ArrayList<>();
    Instant newest = null;
    for (Reading reading : readings) {
      RuleState[] deviceStates =
          states.computeIfAbsent(reading.deviceId(), d -> new RuleState[rules.size()]);
      for (int i = 0; i < rules.size(); i++) {
        Rule rule = rules.get(i);
        if (!rule.appliesTo(reading)) {
          continue;
        }
        RuleClock.Result result = RuleClock.reading(rule, deviceStates[i], reading);
        deviceStates[i] = result.state();
        result.decisions().forEach(d -> events.add(CaseEvent.of(reading.deviceId(), d)));
      }
      newest = newest == null || reading.ts().isAfter(newest) ? reading.ts() : newest;
      Instant[] span = spans.computeIfAbsent(reading.deviceId(), d -> new Instant[2]);
      span[0] = span[0] == null || reading.ts().isBefore(span[0]) ? reading.ts() : span[0];
      span[1] = span[1] == null || reading.ts().isAfter(span[1]) ? reading.ts() : span[1];
      counts.merge(reading.deviceId(), 1L, Long::sum);
    }
    Instant until = end != null ? end : newest;
    if (until != null) {
      states.forEach(
          (device, deviceStates) -> {
            for (int i = 0; i < rules.size(); i++) {
              if (deviceStates[i] != null) {
                RuleClock.Result result = RuleClock.until(rules.get(i), deviceStates[i], until);
                result.decisions().forEach(d -> events.add(CaseEvent.of(device, d)));
              }
            }
          });
    }
    return new BacktestReport(
        events,
        alertsPerWeek(events),
        outcomes(events, failures),
        activity(states, spans, counts, events));
  }

  private Map<String, DeviceActivity> activity(
      Map<String, RuleState[]> states,
      Map<String, Instant[]> spans,
      Map<String, Long> counts,
      List<CaseEvent> events) {
    Map<String, Integer> opened = new HashMap<>();
    opened(events).forEach(e -> opened.merge(e.deviceId(), 1, Integer::sum));
    Map<String, DeviceActivity> devices = new HashMap<>();
    states.forEach(
        (device, deviceStates) -> {
          boolean learning = false;
          for (int i = 0; i < rules.size(); i++) {
            learning |=
                deviceStates[i] != null && Evaluators.learning(rules.get(i), deviceStates[i]);
          }
          Instant[] span = spans.get(device);
          devices.put(
              device,
              new DeviceActivity(
                  device,
                  span[0],
                  span[1],
                  counts.get(device),
                  opened.getOrDefault(device, 0),
                  learning));
        });
    return devices;
  }

  private static Map<String, SortedMap<String, Integer>> alertsPerWeek(List<CaseEvent> events) {
    Map<String, SortedMap<String, Integer>> counts = new HashMap<>();
    for (CaseEvent event : opened(events)) {
      counts
          .computeIfAbsent(event.deviceId(), d -> new TreeMap<>())
          .merge(isoWeek(event.occurredAt()), 1, Integer::sum);
    }
    return counts;
  }

  /** The ISO-8601 week of an instant in UTC, such as {@code 2014-W01}. */
  static String isoWeek(Instant at) {
    ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
    return String.format(
        Locale.ROOT,
        "%d-W%02d",
        utc.get(IsoFields.WEEK_BASED_YEAR),
        utc.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private static Map<String, DeviceOutcome> outcomes(
      List<CaseEvent> events, FailureTimes failures) {
    Map<String, List<Instant>> openedAt = new HashMap<>();
    for (CaseEvent event : opened(events)) {
      openedAt.computeIfAbsent(event.deviceId(), d -> new ArrayList<>()).add(event.occurredAt());
    }
    Map<String, DeviceOutcome> outcomes = new HashMap<>();
    failures
        .failures()
        .forEach(
            (device, failure) -> {
              Instant earlyBefore = failure.minus(failures.earlyHorizon());
              Optional<Instant> first = Optional.empty();
              int early = 0;
              for (Instant at : openedAt.getOrDefault(device, List.of())) {
                if (at.isAfter(failure)) {
                  continue;
                }
                if (first.isEmpty() || at.isBefore(first.get())) {
                  first = Optional.of(at);
                }
                if (at.isBefore(earlyBefore)) {
                  early++;
                }
              }
              outcomes.put(device, new DeviceOutcome(device, failure, first, early));
            });
    return outcomes;
  }

  private static List<CaseEvent> opened(List<CaseEvent> events) {
    return events.stream().filter(e -> e.type() == CaseEvent.Type.OPENED).toList();
  }
}
