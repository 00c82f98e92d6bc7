package dev.forewarn.outreach.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Totals for a quick look at the service (readings are counted by the telemetry job, not here).
 *
 * @param casesOpened cases ever opened
 * @param casesOpen cases open now
 * @param notificationsSent messages a provider (or the sandbox) accepted
 * @param notificationsPending messages waiting to be sent or being sent
 * @param notificationsFailed messages given up on, each with its reason
 * @param deadLetters telemetry messages the job refused
 * @param caseEventsWaiting case events not yet turned into cases
 * @param devicesWithClockProblems devices with a reading refused for its time (the device's clock)
 *     within the last {@link OperationsQueries#CLOCK_WINDOW}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Stats(
    long casesOpened,
    long casesOpen,
    long notificationsSent,
    long notificationsPending,
    long notificationsFailed,
    long deadLetters,
    long caseEventsWaiting,
    long devicesWithClockProblems) {}
