package dev.forewarn.rules.trend;

import dev.forewarn.rules.document.RuleChecks;
import java.time.Duration;

/**
 * A limit relative to each device's own healthy level, for a trend forecast whose absolute failure
 * level differs between devices: the device's first readings (the warm-up) give a centre (mean) and
 * a spread (mean absolute deviation scaled by √(π/2), the standard deviation for Gaussian noise),
 * and the limit is {@code centre ± spreads × spread}, on the side the forecast watches. The
 * baseline is frozen after the warm-up, so a slow degradation does not drag its limit along.
 *
 * @param spreads how many spreads from the centre the limit lies; more than zero
 * @param warmupPoints readings the baseline learns from, 2 or more
 * @param warmupDuration how long it learns at least (both must be met), zero or more
 * @param minSpread the smallest spread used, in metric units, zero or more; stops a flat warm-up
 *     from putting the limit right at the centre
 * @param minRelativeSpread the smallest spread as a fraction of |centre|, zero or more
 */
public record LearnedLimit(
    double spreads,
    int warmupPoints,
    Duration warmupDuration,
    double minSpread,
    double minRelativeSpread) {

  public LearnedLimit {
    RuleChecks.positive(spreads, "spreads");
    RuleChecks.atLeast(warmupPoints, 2, "warmupPoints");
    RuleChecks.notNegative(warmupDuration, "warmupDuration");
    RuleChecks.notNegative(minSpread, "minSpread");
    RuleChecks.notNegative(minRelativeSpread, "minRelativeSpread");
  }
}
