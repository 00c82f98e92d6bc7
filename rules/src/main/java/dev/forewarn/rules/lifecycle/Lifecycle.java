package dev.forewarn.rules.lifecycle;

import dev.forewarn.rules.document.RuleChecks;
import java.time.Duration;

/**
 * How a condition's verdicts become cases, the same for every condition type: a case opens once the
 * condition has held for {@code sustainedFor} and {@code minPoints} readings in a row, not sooner
 * than {@code cooldown} after the device's previous case under the rule cleared; it clears when the
 * condition is clear, unless {@code flapSuppression} holds it open.
 *
 * @param sustainedFor how long the condition must hold before a case opens; zero opens at once
 * @param minPoints readings in a row on which it must hold, 1 or more
 * @param cooldown how long after a clear no new case opens; zero or more
 * @param flapSuppression how flapping is held open, or null for never
 */
public record Lifecycle(
    Duration sustainedFor, int minPoints, Duration cooldown, FlapSuppression flapSuppression) {

  /** Opens at once on the first reading where the condition holds; no cooldown or hold. */
  public static final Lifecycle IMMEDIATE = new Lifecycle(Duration.ZERO, 1, Duration.ZERO, null);

  public Lifecycle {
    RuleChecks.notNegative(sustainedFor, "sustainedFor");
    RuleChecks.atLeast(minPoints, 1, "minPoints");
    RuleChecks.notNegative(cooldown, "cooldown");
  }

  /** Sustained-for and minimum points only. */
  public static Lifecycle sustained(Duration sustainedFor, int minPoints) {
    return new Lifecycle(sustainedFor, minPoints, Duration.ZERO, null);
  }
}
