package dev.forewarn.rules.composite;

import dev.forewarn.rules.condition.ConditionState;
import dev.forewarn.rules.condition.ConditionStatus;
import java.util.List;

/**
 * What an all/any condition remembers: each child's state and latest verdict, in the order of the
 * children.
 *
 * @param children the children's states
 * @param latest each child's latest verdict other than UNKNOWN, or UNKNOWN before it had one
 */
public record CompositeState(List<ConditionState> children, List<ConditionStatus> latest)
    implements ConditionState {

  public CompositeState {
    children = List.copyOf(children);
    latest = List.copyOf(latest);
    if (children.size() != latest.size()) {
      throw new IllegalArgumentException("one verdict per child");
    }
  }
}
