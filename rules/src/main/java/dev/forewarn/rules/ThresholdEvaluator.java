package dev.forewarn.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a {@link ThresholdRule}. Readings that are not newer than the last one evaluated, that
 * lack the metric or carry a non-finite value change nothing: the very same state instance comes
 * back. A breach run restarts when two of its readings are further apart than {@code sustainedFor}:
 * across such a gap nobody knows whether the breach lasted. With a zero {@code sustainedFor} gaps
 * never restart a run, otherwise {@code minPoints} above one could never be met.
 */
final class ThresholdEvaluator {

  private ThresholdEvaluator() {}

  static Evaluation evaluate(ThresholdRule rule, ThresholdState state, Reading reading) {
    Double value = reading.metrics().get(rule.metric());
    if (value == null || !Double.isFinite(value) || !isNewer(reading.ts(), state)) {
      return new Evaluation(state, Optional.empty());
    }
    return state.open()
        ? whileOpen(rule, state, reading.ts(), value)
        : whileClosed(rule, state, reading.ts(), value);
  }

  private static boolean isNewer(Instant ts, ThresholdState state) {
    return state.lastTs() == null || ts.isAfter(state.lastTs());
  }

  private static Evaluation whileOpen(
      ThresholdRule rule, ThresholdState state, Instant ts, double value) {
    Instant episodeStart = state.openSince();
    if (!rule.direction().clears(value, rule.clearLevel())) {
      return new Evaluation(new ThresholdState(ts, null, 0, episodeStart), Optional.empty());
    }
    Duration lasted = Duration.between(episodeStart, ts);
    String summary =
        rule.metric()
            + " back to "
            + Summaries.number(value)
            + " (clear level "
            + Summaries.number(rule.clearLevel())
            + ") after "
            + Summaries.duration(lasted);
    Map<String, Double> evidence = evidence(rule, value, lasted);
    Decision clear = decision(rule, Decision.Kind.CLEAR, ts, episodeStart, evidence, summary);
    return new Evaluation(new ThresholdState(ts, null, 0, null), Optional.of(clear));
  }

  private static Evaluation whileClosed(
      ThresholdRule rule, ThresholdState state, Instant ts, double value) {
    if (!rule.direction().breaches(value, rule.level())) {
      return new Evaluation(new ThresholdState(ts, null, 0, null), Optional.empty());
    }
    boolean continuesRun = state.breachSince() != null && withinGap(rule, state.lastTs(), ts);
    Instant since = continuesRun ? state.breachSince() : ts;
    int points = continuesRun ? state.breachPoints() + 1 : 1;
    Duration lasted = Duration.between(since, ts);
    if (points < rule.minPoints() || lasted.compareTo(rule.sustainedFor()) < 0) {
      return new Evaluation(new ThresholdState(ts, since, points, null), Optional.empty());
    }
    String summary =
        rule.metric()
            + " "
            + rule.direction().word()
            + " "
            + Summaries.number(rule.level())
            + " for "
            + Summaries.duration(lasted)
            + " (now "
            + Summaries.number(value)
            + ")";
    Map<String, Double> evidence = evidence(rule, value, lasted);
    evidence.put("points", (double) points);
    Decision open = decision(rule, Decision.Kind.OPEN, ts, since, evidence, summary);
    return new Evaluation(new ThresholdState(ts, null, 0, since), Optional.of(open));
  }

  private static boolean withinGap(ThresholdRule rule, Instant previous, Instant ts) {
    return rule.sustainedFor().isZero()
        || Duration.between(previous, ts).compareTo(rule.sustainedFor()) <= 0;
  }

  /** The evidence both decisions share; see the evidence table in rules/README.md. */
  private static Map<String, Double> evidence(ThresholdRule rule, double value, Duration lasted) {
    Map<String, Double> evidence = new LinkedHashMap<>();
    evidence.put("value", value);
    evidence.put("level", rule.level());
    evidence.put("clear_level", rule.clearLevel());
    evidence.put("breach_seconds", lasted.toMillis() / 1000.0);
    return evidence;
  }

  private static Decision decision(
      ThresholdRule rule,
      Decision.Kind kind,
      Instant at,
      Instant episodeStart,
      Map<String, Double> evidence,
      String summary) {
    return new Decision(
        kind, rule.id(), rule.version(), rule.severity(), at, episodeStart, evidence, summary);
  }
}
