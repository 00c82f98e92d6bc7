package dev.forewarn.rules.composite;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.document.RuleChecks;
import dev.forewarn.rules.document.RuleValidationException;
import java.time.Duration;
import java.util.List;

/**
 * Holds at the moment any of several detectors opens, rather than while any of them deviates. Each
 * child is a condition with its own small lifecycle (readings in a row, cooldown since its own last
 * opening), so a child that stays deviating for weeks (a baseline frozen after a lasting change)
 * does not hide the later openings of the others. The composite holds on a reading where a child
 * opens, unless the composite held within {@code cooldown}; it is neither while a child is open and
 * less than {@code cooldown} has passed since, and clear otherwise, so its case clears when every
 * child has closed or the cooldown has run out, whichever comes first (time alone clears it, see
 * {@link Evaluators#deadline}). Use it with the rule's {@code minPoints} 1 and no cooldown: the
 * children and the composite already carry them. Only a rule's top-level condition may be one.
 *
 * @param cooldown no new opening within this long after the composite's previous one; more than
 *     zero
 * @param conditions 1 to {@value CompositeCondition#MAX_CONDITIONS} children
 */
public record AnyOpensCondition(Duration cooldown, List<Opener> conditions) implements Condition {

  /** The type name in rule documents. */
  public static final String TYPE = "any-opens";

  /**
   * One child: a condition that opens after {@code minPoints} holding readings in a row, not within
   * {@code cooldown} of its own previous opening, and closes when the condition is clear.
   *
   * @param condition the child's condition; not an any-opens
   * @param minPoints readings in a row on which it must hold, 1 or more
   * @param cooldown no new opening of this child within this long after its previous one
   */
  public record Opener(Condition condition, int minPoints, Duration cooldown) {
    public Opener {
      RuleChecks.present(condition, "condition");
      if (condition instanceof AnyOpensCondition) {
        throw new RuleValidationException("condition", "an any-opens cannot be a child");
      }
      RuleChecks.atLeast(minPoints, 1, "minPoints");
      RuleChecks.notNegative(cooldown, "cooldown");
    }
  }

  public AnyOpensCondition {
    RuleChecks.positive(cooldown, "cooldown");
    RuleChecks.present(conditions, "conditions");
    conditions = List.copyOf(conditions);
    if (conditions.isEmpty() || conditions.size() > CompositeCondition.MAX_CONDITIONS) {
      throw new RuleValidationException(
          "conditions",
          "must hold 1 to "
              + CompositeCondition.MAX_CONDITIONS
              + " conditions, got "
              + conditions.size());
    }
  }

  @Override
  public String type() {
    return TYPE;
  }
}
