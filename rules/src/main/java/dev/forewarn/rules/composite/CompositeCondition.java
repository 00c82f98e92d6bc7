package dev.forewarn.rules.composite;

import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.document.JsonPaths;
import dev.forewarn.rules.document.RuleChecks;
import dev.forewarn.rules.document.RuleValidationException;
import java.util.List;

/**
 * All or any of other conditions. Each child keeps its own state and its latest verdict, because a
 * reading may carry only some children's metrics: {@code all} holds while every child's latest
 * verdict holds and is clear as soon as one child is clear; {@code any} holds while one child holds
 * and is clear once every child is clear (a child that has not decided yet counts as clear for
 * {@code any}).
 *
 * @param join all or any
 * @param conditions 1 to {@value #MAX_CONDITIONS} children, nested at most {@value #MAX_DEPTH} deep
 */
public record CompositeCondition(Join join, List<Condition> conditions) implements Condition {

  /** The most children one composite may have, which bounds the state. */
  public static final int MAX_CONDITIONS = 8;

  /** The deepest nesting of composites. */
  public static final int MAX_DEPTH = 3;

  /** How the children's verdicts combine. */
  public enum Join {
    ALL,
    ANY
  }

  public CompositeCondition {
    RuleChecks.present(join, "type");
    RuleChecks.present(conditions, "conditions");
    conditions = List.copyOf(conditions);
    if (conditions.isEmpty() || conditions.size() > MAX_CONDITIONS) {
      throw new RuleValidationException(
          "conditions",
          "must hold 1 to " + MAX_CONDITIONS + " conditions, got " + conditions.size());
    }
    for (int i = 0; i < conditions.size(); i++) {
      if (conditions.get(i) instanceof AnyOpensCondition) {
        throw new RuleValidationException(
            JsonPaths.element("conditions", i), "any-opens may only be a rule's own condition");
      }
      if (depth(conditions.get(i)) >= MAX_DEPTH) {
        throw new RuleValidationException(
            JsonPaths.element("conditions", i),
            "all/any may be nested at most " + MAX_DEPTH + " deep");
      }
    }
  }

  /** An all-of composite. */
  public static CompositeCondition all(Condition... conditions) {
    return new CompositeCondition(Join.ALL, List.of(conditions));
  }

  /** An any-of composite. */
  public static CompositeCondition any(Condition... conditions) {
    return new CompositeCondition(Join.ANY, List.of(conditions));
  }

  @Override
  public String type() {
    return join == Join.ALL ? "all" : "any";
  }

  private static int depth(Condition condition) {
    if (!(condition instanceof CompositeCondition composite)) {
      return 0;
    }
    int deepest = 0;
    for (Condition child : composite.conditions()) {
      deepest = Math.max(deepest, depth(child));
    }
    return deepest + 1;
  }
}
