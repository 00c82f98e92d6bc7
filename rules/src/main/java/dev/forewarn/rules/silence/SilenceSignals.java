package dev.forewarn.rules.silence;

import dev.forewarn.rules.condition.ConditionStatus;
import dev.forewarn.rules.condition.Signal;
import dev.forewarn.rules.condition.Summaries;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verdicts of a {@link SilenceCondition}. Silence is measured at a reading that lacks the metric as
 * well as at an {@code advance}: more than {@code after} since the last reading that counts. Its
 * onset, the run's start and so the episode start, is {@code lastSeen + after}, whenever the
 * silence is noticed, so the job's timer and a backtester name the same case.
 */
public final class SilenceSignals {

  private SilenceSignals() {}

  public static Signal.Step onReading(
      SilenceCondition condition, SilenceState state, Reading reading) {
    boolean counts =
        condition.metric() == null || reading.metrics().containsKey(condition.metric());
    if (!counts) {
      return new Signal.Step(state, at(condition, state, reading.ts()));
    }
    Map<String, Double> evidence = new LinkedHashMap<>();
    String text = describe(condition) + " again";
    if (state.lastSeen() != null) {
      Duration gap = Duration.between(state.lastSeen(), reading.ts());
      evidence.put("silent_seconds", gap.toMillis() / 1000.0);
      text += " after " + Summaries.duration(gap) + " without";
    }
    evidence.put("after_seconds", condition.after().toMillis() / 1000.0);
    return new Signal.Step(
        new SilenceState(reading.ts()), Signal.of(ConditionStatus.CLEARS, evidence, text, ""));
  }

  public static Signal.Step onAdvance(SilenceCondition condition, SilenceState state, Instant now) {
    return new Signal.Step(state, at(condition, state, now));
  }

  /** The first instant at which the device counts as silent. */
  public static Instant deadline(SilenceCondition condition, SilenceState state) {
    return state.lastSeen() == null ? null : state.lastSeen().plus(condition.after()).plusNanos(1);
  }

  private static Signal at(SilenceCondition condition, SilenceState state, Instant now) {
    if (state.lastSeen() == null) {
      return Signal.unknown();
    }
    Duration silent = Duration.between(state.lastSeen(), now);
    if (silent.compareTo(condition.after()) <= 0) {
      return Signal.unknown();
    }
    Map<String, Double> evidence = new LinkedHashMap<>();
    evidence.put("silent_seconds", silent.toMillis() / 1000.0);
    evidence.put("after_seconds", condition.after().toMillis() / 1000.0);
    return Signal.of(
            ConditionStatus.HOLDS,
            evidence,
            "no " + describe(condition) + " for more than " + Summaries.duration(condition.after()),
            "last at " + state.lastSeen())
        .withOnset(state.lastSeen().plus(condition.after()));
  }

  private static String describe(SilenceCondition condition) {
    return condition.metric() == null ? "readings" : "readings of " + condition.metric();
  }
}
