package dev.forewarn.outreach.devices;

import dev.forewarn.history.LatestReading;
import dev.forewarn.outreach.web.OperationsQueries;
import java.time.Instant;
import java.util.List;

/**
 * A device as operators look at it: who owns it, its newest reading, its health and its open cases.
 *
 * @param deviceId the id the device publishes telemetry under
 * @param customerId its owner
 * @param secondaryCustomerId the secondary contact, or null
 * @param nickname what the owner calls it, or null
 * @param model the product model, or null
 * @param createdAt when it was registered
 * @param health {@code OK} without an open case, else the highest severity of its open cases
 *     ({@code INFO}, {@code WARNING}, {@code CRITICAL})
 * @param latest its newest stored reading; null when it has none or no history is configured
 * @param openCases its open cases, oldest first
 * @param clock what is wrong with its clock, when the telemetry job refused any of its readings for
 *     their time within the last {@link OperationsQueries#CLOCK_WINDOW}; otherwise null
 */
public record DeviceOverview(
    String deviceId,
    long customerId,
    Long secondaryCustomerId,
    String nickname,
    String model,
    Instant createdAt,
    String health,
    LatestReading latest,
    List<OpenCase> openCases,
    ClockStatus clock) {

  DeviceOverview withLatest(LatestReading reading) {
    return new DeviceOverview(
        deviceId,
        customerId,
        secondaryCustomerId,
        nickname,
        model,
        createdAt,
        health,
        reading,
        openCases,
        clock);
  }

  /**
   * A device clock the telemetry job does not believe (docs/contracts.md, dead letters): readings
   * stamped far ahead of their arrival, before the earliest time a reading may have, or far behind
   * the device's newest.
   *
   * @param problem the newest refusal's: {@code ahead}, {@code before_earliest} or {@code
   *     went_back}
   * @param lastSeen when the newest refused reading arrived
   * @param refused how many of its readings were refused for their time within the window
   */
  public record ClockStatus(String problem, Instant lastSeen, long refused) {}

  /**
   * An open case of the device.
   *
   * @param id case id
   * @param ruleId the rule that raised it
   * @param ruleVersion the version that raised it
   * @param severity INFO, WARNING or CRITICAL
   * @param openedAt event time of the reading that opened it
   * @param summary one plain sentence
   */
  public record OpenCase(
      long id, String ruleId, int ruleVersion, String severity, Instant openedAt, String summary) {}
}
