package dev.forewarn.rules.silence;

import dev.forewarn.rules.condition.ConditionState;
import java.time.Instant;

/**
 * What a silence condition remembers.
 *
 * @param lastSeen event time of the newest reading that counts (carrying the metric), or null
 */
public record SilenceState(Instant lastSeen) implements ConditionState {

  /** Nothing seen yet. */
  public static final SilenceState INITIAL = new SilenceState(null);
}
