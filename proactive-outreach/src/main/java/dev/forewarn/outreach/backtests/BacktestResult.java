package dev.forewarn.outreach.backtests;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a rule would have done over the history: the cases it would have opened, and per device the
 * readings replayed, the cases opened, the cases opened per ISO week and, where the failure is
 * known, the lead time of the first alert.
 *
 * @param readings readings replayed in all
 * @param cases the cases it would have opened, in order of opening
 * @param devices one entry per device of the selection
 */
public record BacktestResult(long readings, List<WouldBeCase> cases, List<DeviceResult> devices) {

  /**
   * A case the rule would have opened.
   *
   * @param deviceId the device
   * @param ruleId the rule
   * @param ruleVersion its version
   * @param severity INFO, WARNING or CRITICAL
   * @param openedAt event time of the reading that would have opened it
   * @param episodeStart when the breach began
   * @param clearedAt when it would have cleared, null if it would still be open at the end
   * @param summary one plain sentence
   * @param evidence the numbers behind the decision
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WouldBeCase(
      String deviceId,
      String ruleId,
      int ruleVersion,
      String severity,
      Instant openedAt,
      Instant episodeStart,
      Instant clearedAt,
      String summary,
      Map<String, Double> evidence) {}

  /**
   * One device's outcome.
   *
   * @param deviceId the device
   * @param readings its readings in the range
   * @param casesOpened cases it would have opened
   * @param casesPerWeek ISO week ({@code 2026-W47}) to cases opened that week
   * @param failure when it failed, if known
   * @param firstAlert the first case opened at or before the failure
   * @param lead time from the first alert to the failure
   * @param earlyAlerts alerts earlier than the early horizon before the failure
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeviceResult(
      String deviceId,
      long readings,
      int casesOpened,
      SortedMap<String, Integer> casesPerWeek,
      Instant failure,
      Instant firstAlert,
      Duration lead,
      Integer earlyAlerts) {}
}
