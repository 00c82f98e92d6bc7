package dev.forewarn.rules.lifecycle;

import dev.forewarn.rules.document.RuleChecks;
import dev.forewarn.rules.document.RuleValidationException;
import java.time.Duration;

/**
 * Holds a flapping case open instead of notifying again and again: once a rule has opened {@code
 * opens} cases for a device within {@code within}, the clear of the latest one waits until the
 * condition has stayed clear for {@code hold}. A return of the condition during the hold keeps the
 * same case open, silently.
 *
 * @param opens opens within the window that make a device flapping, 2 to {@value #MAX_OPENS}
 * @param within the window in which opens are counted; more than zero
 * @param hold how long the condition must stay clear before a held case clears; zero or more
 */
public record FlapSuppression(int opens, Duration within, Duration hold) {

  /** The most opens counted, which bounds the state. */
  public static final int MAX_OPENS = 16;

  public FlapSuppression {
    if (opens < 2 || opens > MAX_OPENS) {
      throw new RuleValidationException(
          "flapSuppression.opens", "must be from 2 to " + MAX_OPENS + ", got " + opens);
    }
    RuleChecks.positive(within, "flapSuppression.within");
    RuleChecks.notNegative(hold, "flapSuppression.hold");
  }
}
