package dev.forewarn.rules.composite;

import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.condition.ConditionState;
import dev.forewarn.rules.condition.ConditionStatus;
import dev.forewarn.rules.condition.Conditions;
import dev.forewarn.rules.condition.Signal;
import dev.forewarn.rules.document.JsonPaths;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.reading.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Verdicts of a {@link CompositeCondition}: every child sees the reading, and the latest verdict of
 * each child is combined. Children's evidence is named by their path, {@code conditions[0].value}.
 */
public final class CompositeSignals {

  private CompositeSignals() {}

  public static Signal.Step onReading(
      CompositeCondition condition, CompositeState state, Reading reading) {
    return combine(
        condition, state, (child, childState) -> Conditions.onReading(child, childState, reading));
  }

  public static Signal.Step onAdvance(
      CompositeCondition condition, CompositeState state, Instant now) {
    return combine(
        condition, state, (child, childState) -> Conditions.onAdvance(child, childState, now));
  }

  public static Instant deadline(CompositeCondition condition, CompositeState state) {
    Instant earliest = null;
    for (int i = 0; i < condition.conditions().size(); i++) {
      Instant child = Conditions.deadline(condition.conditions().get(i), state.children().get(i));
      if (child != null && (earliest == null || child.isBefore(earliest))) {
        earliest = child;
      }
    }
    return earliest;
  }

  private static Signal.Step combine(
      CompositeCondition condition,
      CompositeState state,
      BiFunction<Condition, ConditionState, Signal.Step> step) {
    List<ConditionState> children = new ArrayList<>(state.children());
    List<ConditionStatus> latest = new ArrayList<>(state.latest());
    List<Signal> signals = new ArrayList<>();
    boolean any = false;
    for (int i = 0; i < children.size(); i++) {
      Signal.Step child = step.apply(condition.conditions().get(i), children.get(i));
      signals.add(child == null ? null : child.signal());
      if (child != null) {
        any = true;
        children.set(i, child.state());
        if (child.signal().status() != ConditionStatus.UNKNOWN) {
          latest.set(i, child.signal().status());
        }
      }
    }
    if (!any) {
      return null;
    }
    ConditionStatus status = status(condition.join(), latest);
    return new Signal.Step(
        new CompositeState(children, latest), signal(condition, status, signals));
  }

  static ConditionStatus status(CompositeCondition.Join join, List<ConditionStatus> latest) {
    boolean allHold = latest.stream().allMatch(s -> s == ConditionStatus.HOLDS);
    boolean anyHolds = latest.contains(ConditionStatus.HOLDS);
    boolean anyClear = latest.contains(ConditionStatus.CLEARS);
    boolean anyUnknown = latest.contains(ConditionStatus.UNKNOWN);
    boolean anyNeutral = latest.contains(ConditionStatus.NEUTRAL);
    if (join == CompositeCondition.Join.ALL) {
      if (anyClear) {
        return ConditionStatus.CLEARS;
      }
      return allHold
          ? ConditionStatus.HOLDS
          : anyUnknown ? ConditionStatus.UNKNOWN : ConditionStatus.NEUTRAL;
    }
    if (anyHolds) {
      return ConditionStatus.HOLDS;
    }
    if (anyNeutral) {
      return ConditionStatus.NEUTRAL;
    }
    return anyClear ? ConditionStatus.CLEARS : ConditionStatus.UNKNOWN;
  }

  private static Signal signal(
      CompositeCondition condition, ConditionStatus status, List<Signal> signals) {
    Map<String, Double> evidence = new LinkedHashMap<>();
    List<String> texts = new ArrayList<>();
    List<String> details = new ArrayList<>();
    Signal forecast = null;
    Severity severity = null;
    Instant onset = null;
    for (int i = 0; i < signals.size(); i++) {
      Signal child = signals.get(i);
      if (child == null) {
        continue;
      }
      String prefix = JsonPaths.element("conditions", i) + ".";
      child.evidence().forEach((name, value) -> evidence.put(prefix + name, value));
      if (child.status() == status && !child.text().isEmpty()) {
        texts.add(child.text());
        if (!child.detail().isEmpty()) {
          details.add(child.detail());
        }
      }
      if (child.eta() != null && (forecast == null || child.eta().isBefore(forecast.eta()))) {
        forecast = child;
      }
      if (child.severity() != null && child.status() == ConditionStatus.HOLDS) {
        severity =
            severity == null || child.severity().compareTo(severity) > 0
                ? child.severity()
                : severity;
      }
      if (status == ConditionStatus.HOLDS && child.onset() != null) {
        onset = onset == null || child.onset().isAfter(onset) ? child.onset() : onset;
      }
    }
    String join = condition.join() == CompositeCondition.Join.ALL ? " and " : " or ";
    Signal signal =
        Signal.of(status, evidence, String.join(join, texts), String.join("; ", details))
            .withOnset(onset);
    if (forecast != null || severity != null) {
      signal =
          signal.withForecast(
              forecast == null ? null : forecast.eta(),
              forecast == null ? Double.NaN : forecast.confidence(),
              forecast == null ? 0 : forecast.etaChange(),
              forecast == null ? null : forecast.etaResolution(),
              severity);
    }
    return signal;
  }
}
