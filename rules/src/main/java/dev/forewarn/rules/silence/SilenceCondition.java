package dev.forewarn.rules.silence;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.document.RuleChecks;
import java.time.Duration;

/**
 * Holds once a device has sent no reading (or no reading carrying {@code metric}) for longer than
 * {@code after}; clear again with the next such reading. It needs time to pass without readings, so
 * it is the condition that {@link Evaluators#advance} and {@link Evaluators#deadline} exist for. A
 * device is only watched after its first reading.
 *
 * @param metric the metric whose silence counts, or null for any reading at all
 * @param after how long without a reading is too long; more than zero
 */
public record SilenceCondition(String metric, Duration after) implements Condition {

  /** The type name in rule documents. */
  public static final String TYPE = "silence";

  public SilenceCondition {
    if (metric != null) {
      RuleChecks.metric(metric);
    }
    RuleChecks.positive(after, "after");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
