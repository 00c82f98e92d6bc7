package dev.forewarn.rules.composite;

import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.condition.ConditionState;
import dev.forewarn.rules.condition.ConditionStatus;
import dev.forewarn.rules.condition.Conditions;
import dev.forewarn.rules.condition.Signal;
import dev.forewarn.rules.document.JsonPaths;
import dev.forewarn.rules.reading.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Verdicts of an {@link AnyOpensCondition}; see that type for the rules. */
public final class AnyOpensSignals {

  private AnyOpensSignals() {}

  public static Signal.Step onReading(
      AnyOpensCondition condition, AnyOpensState state, Reading reading) {
    return step(
        condition,
        state,
        reading.ts(),
        true,
        (child, childState) -> Conditions.onReading(child, childState, reading));
  }

  public static Signal.Step onAdvance(
      AnyOpensCondition condition, AnyOpensState state, Instant now) {
    return step(
        condition,
        state,
        now,
        false,
        (child, childState) -> Conditions.onAdvance(child, childState, now));
  }

  /** The earliest child deadline, for children that time alone may open. */
  public static Instant deadline(AnyOpensCondition condition, AnyOpensState state) {
    Instant earliest = null;
    for (int i = 0; i < condition.conditions().size(); i++) {
      Instant child =
          Conditions.deadline(condition.conditions().get(i).condition(), state.children().get(i));
      if (child != null && (earliest == null || child.isBefore(earliest))) {
        earliest = child;
      }
    }
    return earliest;
  }

  /** When an open composite case clears by time alone: its cooldown running out. */
  public static Instant closeDeadline(AnyOpensCondition condition, AnyOpensState state) {
    return state.lastOpen() == null ? null : state.lastOpen().plus(condition.cooldown());
  }

  private static Signal.Step step(
      AnyOpensCondition condition,
      AnyOpensState state,
      Instant t,
      boolean reading,
      BiFunction<Condition, ConditionState, Signal.Step> step) {
    List<ConditionState> children = new ArrayList<>(state.children());
    List<AnyOpensState.OpenerState> openers = new ArrayList<>(state.openers());
    Map<String, Double> evidence = new LinkedHashMap<>();
    List<String> opened = new ArrayList<>();
    boolean saw = false;
    boolean anyOpen = false;
    for (int i = 0; i < children.size(); i++) {
      AnyOpensCondition.Opener opener = condition.conditions().get(i);
      Signal.Step child = step.apply(opener.condition(), children.get(i));
      AnyOpensState.OpenerState lifecycle = openers.get(i);
      if (child != null) {
        saw = true;
        children.set(i, child.state());
        lifecycle = advance(opener, lifecycle, child.signal(), t, reading);
        openers.set(i, lifecycle);
        String prefix = JsonPaths.element("conditions", i) + ".";
        child.signal().evidence().forEach((name, value) -> evidence.put(prefix + name, value));
        if (lifecycle.open() && t.equals(lifecycle.lastOpen())) {
          opened.add(child.signal().text());
        }
      }
      anyOpen |= lifecycle.open();
    }
    Instant lastOpen = state.lastOpen();
    boolean cooled = lastOpen == null || !t.isBefore(lastOpen.plus(condition.cooldown()));
    if (!saw && reading) {
      return null;
    }
    ConditionStatus status;
    if (!opened.isEmpty() && cooled) {
      status = ConditionStatus.HOLDS;
      lastOpen = t;
    } else if (anyOpen && !cooled) {
      status = ConditionStatus.NEUTRAL;
    } else {
      status = ConditionStatus.CLEARS;
    }
    String text =
        status == ConditionStatus.HOLDS
            ? String.join(" and ", opened)
            : status == ConditionStatus.CLEARS ? "no new opening" : "";
    return new Signal.Step(
        new AnyOpensState(children, openers, lastOpen), Signal.of(status, evidence, text, ""));
  }

  private static AnyOpensState.OpenerState advance(
      AnyOpensCondition.Opener opener,
      AnyOpensState.OpenerState s,
      Signal signal,
      Instant t,
      boolean reading) {
    int run = s.run();
    switch (signal.status()) {
      case HOLDS:
        run += reading ? 1 : 0;
        break;
      case NEUTRAL:
      case CLEARS:
        run = 0;
        break;
      default:
        break;
    }
    boolean open = s.open();
    Instant lastOpen = s.lastOpen();
    if (!open
        && signal.status() == ConditionStatus.HOLDS
        && run >= opener.minPoints()
        && (lastOpen == null || !t.isBefore(lastOpen.plus(opener.cooldown())))) {
      return new AnyOpensState.OpenerState(run, true, t);
    }
    if (open && signal.status() == ConditionStatus.CLEARS) {
      open = false;
    }
    return new AnyOpensState.OpenerState(run, open, lastOpen);
  }
}
