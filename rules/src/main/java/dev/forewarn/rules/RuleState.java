package dev.forewarn.rules;

import dev.forewarn.rules.condition.ConditionState;
import dev.forewarn.rules.lifecycle.LifecycleState;
import java.time.Instant;
import java.util.Objects;

/**
 * What evaluation remembers about one device under one rule between readings: the case lifecycle
 * and the condition's own state. Kept small, because it lives in keyed state for every device-rule
 * pair; {@link RuleStates} turns it into bytes.
 *
 * @param lifecycle runs, the open case, cooldown and flapping
 * @param condition the condition's state, of the type its condition needs
 */
public record RuleState(LifecycleState lifecycle, ConditionState condition) {

  public RuleState {
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(condition, "condition");
  }

  /** Event time of the newest reading evaluated, or null before the first. */
  public Instant lastTs() {
    return lifecycle.lastTs();
  }

  /** Whether a case is open for this device under the rule. */
  public boolean open() {
    return lifecycle.open();
  }
}
