package dev.forewarn.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a {@link ThresholdRule}. Readings that are not newer than the last one evaluated, that
 * lack the metric or carry a non-finite value change nothing. A breach run restarts when two of its
 * readings are further apart than {@code sustainedFor}: across such a gap nobody knows whether the
 * breach lasted.
 */
final class ThresholdEvaluator {

  private ThresholdEvaluator() {}

  static Evaluation evaluate(ThresholdRule rule, ThresholdState state, Reading reading) {
    Optional<Double> metric = reading.metric(rule.metric());
    if (metric.isEmpty()
        || !Double.isFinite(metric.get())
        || (state.lastTs() != null && !reading.ts().isAfter(state.lastTs()))) {
      return new Evaluation(state, Optional.empty());
    }
    double value = metric.get();
    Instant ts = reading.ts();
    return state.open() ? whileOpen(rule, state, ts, value) : whileClosed(rule, state, ts, value);
  }

  private static Evaluation whileOpen(
      ThresholdRule rule, ThresholdState state, Instant ts, double value) {
    if (!rule.direction().clears(value, rule.clearLevel())) {
      return new Evaluation(new ThresholdState(ts, null, 0, state.openSince()), Optional.empty());
    }
    Decision clear =
        decision(
            rule,
            Decision.Kind.CLEAR,
            ts,
            state.openSince(),
            value,
            0,
            rule.metric()
                + " back to "
                + format(value)
                + ", clear level "
                + format(rule.clearLevel()));
    return new Evaluation(new ThresholdState(ts, null, 0, null), Optional.of(clear));
  }

  private static Evaluation whileClosed(
      ThresholdRule rule, ThresholdState state, Instant ts, double value) {
    if (!rule.direction().breaches(value, rule.level())) {
      return new Evaluation(new ThresholdState(ts, null, 0, null), Optional.empty());
    }
    boolean continuesRun =
        state.breachSince() != null
            && (rule.sustainedFor().isZero()
                || Duration.between(state.lastTs(), ts).compareTo(rule.sustainedFor()) <= 0);
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
            + format(rule.level())
            + " for "
            + human(lasted)
            + " (now "
            + format(value)
            + ")";
    Decision open = decision(rule, Decision.Kind.OPEN, ts, since, value, points, summary);
    return new Evaluation(new ThresholdState(ts, null, 0, since), Optional.of(open));
  }

  private static Decision decision(
      ThresholdRule rule,
      Decision.Kind kind,
      Instant at,
      Instant episodeStart,
      double value,
      int points,
      String summary) {
    Map<String, Double> evidence =
        Map.of(
            "value",
            value,
            "level",
            rule.level(),
            "clear_level",
            rule.clearLevel(),
            "points",
            (double) points,
            "breach_seconds",
            (double) Duration.between(episodeStart, at).toSeconds());
    return new Decision(
        kind, rule.id(), rule.version(), rule.severity(), at, episodeStart, evidence, summary);
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.format("%.1f", value)
        : String.format("%.2f", value);
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + "s";
    }
    return s < 7200 ? (s / 60) + "m" : (s / 3600) + "h";
  }
}
