package dev.forewarn.rules.lifecycle;

import dev.forewarn.rules.condition.ConditionStatus;
import dev.forewarn.rules.condition.Signal;
import dev.forewarn.rules.condition.Summaries;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The one case lifecycle every condition shares: runs of holding verdicts, sustained-for and
 * minimum points, opening, updates on a moved forecast or a risen severity, clearing, the cooldown
 * and flap suppression. Pure: time is the verdict's event time.
 */
public final class CaseLifecycle {

  private CaseLifecycle() {}

  /** The lifecycle's new state and, sometimes, a decision. */
  public record Outcome(LifecycleState state, Decision decision) {}

  /**
   * Applies one verdict at {@code t}.
   *
   * @param previous the event time of the reading before this one, for the gap rule; null at an
   *     advance
   * @param reading whether a reading (rather than an advance) gave the verdict; only readings count
   *     as points
   */
  public static Outcome apply(
      Rule rule, LifecycleState s, Signal signal, Instant t, Instant previous, boolean reading) {
    if (s.open()) {
      return whileOpen(rule, s, signal, t);
    }
    switch (signal.status()) {
      case HOLDS:
        return holds(rule, s, signal, t, previous, reading);
      case NEUTRAL:
      case CLEARS:
        return new Outcome(s.withRun(null, 0), null);
      default:
        return new Outcome(s, null);
    }
  }

  /** Clears a held case whose hold has run out by {@code t}; otherwise changes nothing. */
  public static Outcome expireHold(Rule rule, LifecycleState s, Instant t) {
    FlapSuppression flap = rule.lifecycle().flapSuppression();
    if (!s.open() || s.clearingSince() == null || flap == null) {
      return new Outcome(s, null);
    }
    Duration held = Duration.between(s.clearingSince(), t);
    if (held.compareTo(flap.hold()) < 0) {
      return new Outcome(s, null);
    }
    Map<String, Double> evidence = new LinkedHashMap<>();
    String text = rule.name() + " clear for " + Summaries.duration(held) + " after flapping";
    return clear(rule, s, Signal.of(ConditionStatus.CLEARS, evidence, text, ""), t);
  }

  /** When a held case's hold runs out, or null. */
  public static Instant holdDeadline(Rule rule, LifecycleState s) {
    FlapSuppression flap = rule.lifecycle().flapSuppression();
    return s.open() && s.clearingSince() != null && flap != null
        ? s.clearingSince().plus(flap.hold())
        : null;
  }

  private static Outcome holds(
      Rule rule, LifecycleState s, Signal signal, Instant t, Instant previous, boolean reading) {
    Lifecycle lifecycle = rule.lifecycle();
    boolean continues =
        s.runSince() != null
            && (signal.onset() != null
                || !reading
                || lifecycle.sustainedFor().isZero()
                || previous == null
                || Duration.between(previous, t).compareTo(lifecycle.sustainedFor()) <= 0);
    Instant since = continues ? s.runSince() : signal.onset() != null ? signal.onset() : t;
    int points = (continues ? s.runPoints() : 0) + (reading ? 1 : 0);
    Duration lasted = Duration.between(since, t);
    boolean cooling = s.clearedAt() != null && t.isBefore(s.clearedAt().plus(lifecycle.cooldown()));
    if (lasted.compareTo(lifecycle.sustainedFor()) < 0
        || (reading && points < lifecycle.minPoints())
        || cooling) {
      return new Outcome(s.withRun(since, points), null);
    }
    Severity severity = higher(rule.severity(), signal.severity());
    Map<String, Double> evidence = evidence(signal, since, t);
    evidence.put("points", (double) points);
    String summary =
        signal.text()
            + (lasted.toSeconds() >= 1 ? " for " + Summaries.duration(lasted) : "")
            + bracketed(signal.detail());
    List<Instant> opens = new ArrayList<>();
    FlapSuppression flap = lifecycle.flapSuppression();
    if (flap != null) {
      opens.addAll(s.recentOpens());
      opens.add(t);
      while (opens.size() > flap.opens()) {
        opens.remove(0);
      }
    }
    LifecycleState opened =
        new LifecycleState(
            s.lastTs(),
            s.advancedTo(),
            null,
            0,
            since,
            severity,
            signal.eta(),
            null,
            s.clearedAt(),
            opens);
    return new Outcome(
        opened, decision(rule, Decision.Kind.OPEN, severity, t, since, evidence, summary, signal));
  }

  private static Outcome whileOpen(Rule rule, LifecycleState s, Signal signal, Instant t) {
    switch (signal.status()) {
      case HOLDS:
      case NEUTRAL:
        return update(rule, s.withClearingSince(null), signal, t);
      case CLEARS:
        FlapSuppression flap = rule.lifecycle().flapSuppression();
        if (flap != null && flapping(s.recentOpens(), flap, t)) {
          Instant since = s.clearingSince() != null ? s.clearingSince() : t;
          if (Duration.between(since, t).compareTo(flap.hold()) < 0) {
            return new Outcome(s.withClearingSince(since), null);
          }
        }
        return clear(rule, s, signal, t);
      default:
        return expireHold(rule, s, t);
    }
  }

  private static Outcome update(Rule rule, LifecycleState s, Signal signal, Instant t) {
    Severity severity =
        signal.status() == ConditionStatus.HOLDS
            ? higher(s.openSeverity(), signal.severity())
            : s.openSeverity();
    boolean rose = severity != s.openSeverity();
    boolean moved =
        signal.eta() != null && (s.reportedEta() == null || moved(signal, s.reportedEta(), t));
    if (!rose && !moved) {
      return new Outcome(s, null);
    }
    Map<String, Double> evidence = evidence(signal, s.openSince(), t);
    String summary =
        signal.text()
            + bracketed(signal.detail())
            + (rose ? ", now " + severity.name().toLowerCase(java.util.Locale.ROOT) : "");
    LifecycleState updated =
        s.withReport(severity, signal.eta() != null ? signal.eta() : s.reportedEta());
    return new Outcome(
        updated,
        decision(
            rule, Decision.Kind.UPDATE, severity, t, s.openSince(), evidence, summary, signal));
  }

  /**
   * Whether the ETA moved by more than its fraction of the time that was left. Once the crossing
   * was reported as reached, a forecast that still says "now" has not moved: the metric staying
   * past the limit is no news.
   */
  private static boolean moved(Signal signal, Instant reported, Instant t) {
    if (!reported.isAfter(t) && !signal.eta().isAfter(t)) {
      return false;
    }
    Duration left = Duration.between(t, reported);
    Duration resolution = signal.etaResolution() == null ? Duration.ZERO : signal.etaResolution();
    double leftSeconds = Math.max(left.toMillis(), resolution.toMillis()) / 1000.0;
    double movedSeconds = Math.abs(Duration.between(reported, signal.eta()).toMillis()) / 1000.0;
    return movedSeconds > signal.etaChange() * leftSeconds;
  }

  private static Outcome clear(Rule rule, LifecycleState s, Signal signal, Instant t) {
    Map<String, Double> evidence = evidence(signal, s.openSince(), t);
    if (s.clearingSince() != null) {
      evidence.put("held_seconds", seconds(Duration.between(s.clearingSince(), t)));
    }
    String summary =
        signal.text() + " after " + Summaries.duration(Duration.between(s.openSince(), t));
    LifecycleState cleared =
        new LifecycleState(
            s.lastTs(), s.advancedTo(), null, 0, null, null, null, null, t, s.recentOpens());
    Decision decision =
        new Decision(
            Decision.Kind.CLEAR,
            rule.id(),
            rule.version(),
            s.openSeverity() == null ? rule.severity() : s.openSeverity(),
            t,
            s.openSince(),
            evidence,
            summary);
    return new Outcome(cleared, decision);
  }

  private static boolean flapping(List<Instant> opens, FlapSuppression flap, Instant t) {
    Instant from = t.minus(flap.within());
    return opens.stream().filter(open -> !open.isBefore(from)).count() >= flap.opens();
  }

  private static Map<String, Double> evidence(Signal signal, Instant since, Instant t) {
    Map<String, Double> evidence = new LinkedHashMap<>(signal.evidence());
    evidence.put("breach_seconds", seconds(Duration.between(since, t)));
    if (signal.eta() != null) {
      evidence.put(Evidence.ETA_SECONDS, seconds(Duration.between(t, signal.eta())));
      if (!Double.isNaN(signal.confidence())) {
        evidence.put(Evidence.ETA_CONFIDENCE, signal.confidence());
      }
    }
    return evidence;
  }

  private static Decision decision(
      Rule rule,
      Decision.Kind kind,
      Severity severity,
      Instant t,
      Instant episodeStart,
      Map<String, Double> evidence,
      String summary,
      Signal signal) {
    return new Decision(
        kind,
        rule.id(),
        rule.version(),
        severity,
        t,
        episodeStart,
        evidence,
        summary,
        Optional.ofNullable(signal.eta()),
        signal.eta() == null || Double.isNaN(signal.confidence())
            ? OptionalDouble.empty()
            : OptionalDouble.of(signal.confidence()));
  }

  private static Severity higher(Severity base, Severity escalated) {
    if (base == null) {
      return escalated;
    }
    return escalated != null && escalated.compareTo(base) > 0 ? escalated : base;
  }

  private static String bracketed(String detail) {
    return detail.isEmpty() ? "" : " (" + detail + ")";
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
