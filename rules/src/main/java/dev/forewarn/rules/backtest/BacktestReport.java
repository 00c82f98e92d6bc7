package dev.forewarn.rules.backtest;

import dev.forewarn.rules.lifecycle.CaseEvent;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What replaying history through a set of rules produced.
 *
 * @param events every case event, in the order the readings produced them
 * @param alertsPerWeek device id to ISO week ({@code 2014-W15}, UTC) to cases opened that week;
 *     devices without an opened case are absent
 * @param outcomes device id to its outcome, for every device with a known failure time
 * @param devices device id to what it sent and how often the rules alerted on it, for every device
 *     replayed
 */
public record BacktestReport(
    List<CaseEvent> events,
    Map<String, SortedMap<String, Integer>> alertsPerWeek,
    Map<String, DeviceOutcome> outcomes,
    Map<String, DeviceActivity> devices) {

  public BacktestReport {
    events = List.copyOf(events);
    alertsPerWeek = Map.copyOf(alertsPerWeek);
    outcomes = Map.copyOf(outcomes);
    devices = Map.copyOf(devices);
  }

  /** Cases opened per device and week of its data, over every device replayed; 0 without any. */
  public double alertsPerDeviceWeek() {
    return devices.values().stream().mapToDouble(DeviceActivity::alertsPerWeek).average().orElse(0);
  }

  /** The cases that opened, in order: when, for which device, by which rule, with what evidence. */
  public List<CaseEvent> opened() {
    return events.stream().filter(e -> e.type() == CaseEvent.Type.OPENED).toList();
  }
}
