package dev.forewarn.rules.composite;

import dev.forewarn.rules.condition.ConditionState;
import java.time.Instant;
import java.util.List;

/**
 * What an any-opens condition remembers: each child's condition state and small lifecycle, and when
 * the composite last held.
 *
 * @param children the children's condition states
 * @param openers each child's run, whether it is open, and its last opening
 * @param lastOpen when the composite last held (opened), or null
 */
public record AnyOpensState(
    List<ConditionState> children, List<OpenerState> openers, Instant lastOpen)
    implements ConditionState {

  public AnyOpensState {
    children = List.copyOf(children);
    openers = List.copyOf(openers);
    if (children.size() != openers.size()) {
      throw new IllegalArgumentException("one opener state per child");
    }
  }

  /**
   * One child's lifecycle.
   *
   * @param run holding readings in a row, zero or more
   * @param open whether the child has opened and not yet cleared
   * @param lastOpen when it last opened, or null
   */
  public record OpenerState(int run, boolean open, Instant lastOpen) {
    /** Never opened. */
    public static final OpenerState INITIAL = new OpenerState(0, false, null);

    public OpenerState {
      if (run < 0) {
        throw new IllegalArgumentException("run must be zero or more, got " + run);
      }
    }
  }
}
