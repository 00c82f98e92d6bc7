package dev.forewarn.rules.lifecycle;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.document.Severity;
import java.time.Instant;
import java.util.List;

/**
 * What the case lifecycle remembers about one device under one rule.
 *
 * @param lastTs event time of the newest reading evaluated, or null before the first
 * @param advancedTo the latest {@code now} given to {@link Evaluators#advance}, or null
 * @param runSince start of the current run of holding verdicts before a case opens, or null
 * @param runPoints readings in that run, zero or more
 * @param openSince episode start of the open case, or null when no case is open
 * @param openSeverity the severity last reported for the open case, or null
 * @param reportedEta the ETA last reported for the open case, or null
 * @param clearingSince while a flapping case is held open: since when the condition has been clear;
 *     otherwise null
 * @param clearedAt when the last case cleared, for the cooldown; or null
 * @param recentOpens when the latest cases opened, oldest first, at most {@link
 *     FlapSuppression#opens()} of them (kept only with flap suppression)
 */
public record LifecycleState(
    Instant lastTs,
    Instant advancedTo,
    Instant runSince,
    int runPoints,
    Instant openSince,
    Severity openSeverity,
    Instant reportedEta,
    Instant clearingSince,
    Instant clearedAt,
    List<Instant> recentOpens) {

  /** Nothing seen yet. */
  public static final LifecycleState INITIAL =
      new LifecycleState(null, null, null, 0, null, null, null, null, null, List.of());

  public LifecycleState {
    if (runPoints < 0) {
      throw new IllegalArgumentException("runPoints must be zero or more, got " + runPoints);
    }
    recentOpens = recentOpens == null ? List.of() : List.copyOf(recentOpens);
  }

  /** Whether a case is open. */
  public boolean open() {
    return openSince != null;
  }

  public LifecycleState withLastTs(Instant ts) {
    return new LifecycleState(
        ts,
        advancedTo,
        runSince,
        runPoints,
        openSince,
        openSeverity,
        reportedEta,
        clearingSince,
        clearedAt,
        recentOpens);
  }

  public LifecycleState withAdvancedTo(Instant now) {
    return new LifecycleState(
        lastTs,
        now,
        runSince,
        runPoints,
        openSince,
        openSeverity,
        reportedEta,
        clearingSince,
        clearedAt,
        recentOpens);
  }

  LifecycleState withRun(Instant since, int points) {
    return new LifecycleState(
        lastTs,
        advancedTo,
        since,
        points,
        openSince,
        openSeverity,
        reportedEta,
        clearingSince,
        clearedAt,
        recentOpens);
  }

  LifecycleState withReport(Severity severity, Instant eta) {
    return new LifecycleState(
        lastTs,
        advancedTo,
        runSince,
        runPoints,
        openSince,
        severity,
        eta,
        clearingSince,
        clearedAt,
        recentOpens);
  }

  LifecycleState withClearingSince(Instant since) {
    return new LifecycleState(
        lastTs,
        advancedTo,
        runSince,
        runPoints,
        openSince,
        openSeverity,
        reportedEta,
        since,
        clearedAt,
        recentOpens);
  }
}
