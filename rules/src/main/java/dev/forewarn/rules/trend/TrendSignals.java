package dev.forewarn.rules.trend;

import dev.forewarn.rules.condition.ConditionStatus;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.condition.Signal;
import dev.forewarn.rules.condition.Summaries;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.stats.BaselineState;
import dev.forewarn.rules.stats.Baselines;
import dev.forewarn.rules.stats.Finite;
import dev.forewarn.rules.stats.TheilSen;
import dev.forewarn.rules.stats.WindowBuckets;
import dev.forewarn.rules.stats.WindowLines;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Verdicts of a {@link TrendForecastCondition}; see that type for the rules. */
public final class TrendSignals {

  private static final int MIN_BUCKETS = 3;

  private TrendSignals() {}

  public static Signal.Step onReading(
      TrendForecastCondition condition, TrendState state, Reading reading) {
    Double value = reading.metrics().get(condition.metric());
    if (value == null || !Double.isFinite(value)) {
      return null;
    }
    Instant now = reading.ts();
    LearnedLimit learned = condition.learnedLimit();
    BaselineState baseline = state.baseline();
    if (learned != null && !warm(learned, baseline, now)) {
      baseline = Baselines.learn(baseline, value, now, learned.warmupPoints(), 0);
    }
    long width = WindowLines.widthMillis(condition.window(), condition.buckets());
    WindowBuckets window = WindowLines.add(state.window(), width, now, value);
    TrendState next = new TrendState(window, baseline);
    if ((learned != null && !warm(learned, baseline, now))
        || window.filled() < MIN_BUCKETS
        || window.points() < condition.minPointsInWindow()) {
      return new Signal.Step(next, Signal.unknown());
    }
    double limit = learned == null ? condition.limit() : learnedLimit(condition, baseline);
    return new Signal.Step(next, judge(condition, window, width, now, value, limit));
  }

  private static Signal judge(
      TrendForecastCondition condition,
      WindowBuckets window,
      long width,
      Instant now,
      double value,
      double limit) {
    Direction direction = condition.direction();
    TheilSen.Fit fit = WindowLines.fit(window, width, now);
    double level = fit.intercept();
    double agreement = Math.max(0, 2 * fit.share(direction) - 1);
    double confidence = fit.r2() * agreement * window.filled() / window.size();
    Map<String, Double> evidence = new LinkedHashMap<>();
    evidence.put("value", value);
    evidence.put("fitted_value", level);
    evidence.put("slope_per_hour", Finite.times(fit.slope(), 3600));
    evidence.put("fit_r2", fit.r2());
    evidence.put("limit", limit);
    evidence.put("window_points", (double) window.points());
    boolean beyond = direction.breaches(level, limit);
    boolean heading = direction == Direction.ABOVE ? fit.slope() > 0 : fit.slope() < 0;
    String toward = (direction == Direction.ABOVE ? " rising toward " : " falling toward ");
    String limitText = Summaries.number(limit);
    if (!beyond && !heading) {
      return clear(evidence, condition.metric() + " not heading for " + limitText);
    }
    if (!beyond && (fit.r2() < condition.minFit() || confidence < condition.minConfidence())) {
      return clear(evidence, condition.metric() + " trend toward " + limitText + " too uncertain");
    }
    double seconds = beyond ? 0 : Finite.over(Finite.minus(limit, level), fit.slope());
    Duration remaining = Duration.ofMillis(Math.round(Math.min(seconds, 1e12) * 1000));
    if (remaining.compareTo(condition.clearHorizon()) > 0) {
      return clear(
          evidence,
          condition.metric()
              + " no longer forecast to reach "
              + limitText
              + " within "
              + Summaries.duration(condition.clearHorizon()));
    }
    ConditionStatus status =
        remaining.compareTo(condition.horizon()) <= 0
            ? ConditionStatus.HOLDS
            : ConditionStatus.NEUTRAL;
    Severity escalated =
        condition.escalateWithin() != null
                && remaining.compareTo(condition.escalateWithin()) <= 0
                && status == ConditionStatus.HOLDS
            ? Severity.CRITICAL
            : null;
    String detail =
        (beyond ? "already there" : "crossing in about " + Summaries.duration(remaining))
            + ", confidence "
            + Summaries.number(confidence)
            + ", now "
            + Summaries.number(value);
    return Signal.of(status, evidence, condition.metric() + toward + limitText, detail)
        .withForecast(
            now.plus(remaining),
            Math.max(0, Math.min(1, confidence)),
            condition.etaChange(),
            Duration.ofMillis(width),
            escalated);
  }

  private static Signal clear(Map<String, Double> evidence, String text) {
    return Signal.of(ConditionStatus.CLEARS, evidence, text, "");
  }

  private static boolean warm(LearnedLimit learned, BaselineState baseline, Instant now) {
    return Baselines.warm(baseline, learned.warmupPoints(), learned.warmupDuration(), now);
  }

  private static double learnedLimit(TrendForecastCondition condition, BaselineState baseline) {
    LearnedLimit learned = condition.learnedLimit();
    double spread = Baselines.spread(baseline, learned.minSpread(), learned.minRelativeSpread());
    double offset = Finite.times(learned.spreads(), spread);
    return condition.direction() == Direction.ABOVE
        ? Finite.plus(baseline.centre(), offset)
        : Finite.minus(baseline.centre(), offset);
  }
}
