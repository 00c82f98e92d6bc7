package dev.forewarn.rules;

import java.time.Instant;

/**
 * What the threshold evaluator keeps per device: the running breach (since when, how many points)
 * and, once a case is open, the episode it belongs to. {@link RuleStates} encodes it in about 20
 * bytes.
 *
 * @param lastTs event time of the newest reading evaluated, or null before the first
 * @param breachSince event time of the first reading of the current breach run, or null
 * @param breachPoints readings in the current breach run, zero or more
 * @param openSince episode start of the open case, or null when no case is open
 */
public record ThresholdState(
    Instant lastTs, Instant breachSince, int breachPoints, Instant openSince) implements RuleState {

  /** Nothing seen yet. */
  public static final ThresholdState INITIAL = new ThresholdState(null, null, 0, null);

  public ThresholdState {
    if (breachPoints < 0) {
      throw new IllegalArgumentException("breachPoints must be zero or more, got " + breachPoints);
    }
  }

  /** Whether a case is open for this device under the rule. */
  public boolean open() {
    return openSince != null;
  }
}
