package dev.forewarn.rules;

import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.Scope;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.drift.BaselineDriftCondition;
import dev.forewarn.rules.drift.DriftSide;
import dev.forewarn.rules.lifecycle.Lifecycle;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.trend.TrendForecastCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Named instants, devices, rules and readings shared by the tests. */
public final class TestData {

  public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  public static final Instant T0_PLUS_30S = T0.plusSeconds(30);
  public static final Instant T0_PLUS_1M = T0.plusSeconds(60);
  public static final Instant T0_PLUS_90S = T0.plusSeconds(90);
  public static final Instant T0_PLUS_2M = T0.plusSeconds(120);
  public static final Instant T0_PLUS_3M = T0.plusSeconds(180);
  public static final Instant T0_PLUS_4M = T0.plusSeconds(240);
  public static final Instant T0_PLUS_5M = T0.plusSeconds(300);
  public static final Instant T0_PLUS_6M = T0.plusSeconds(360);
  public static final Instant T0_PLUS_10M = T0.plusSeconds(600);
  public static final Instant T0_PLUS_1H = T0.plusSeconds(3600);

  public static final String DEVICE = "ac-0001";
  public static final String OTHER_DEVICE = "ac-0002";
  public static final String MODEL = "AC-200";
  public static final String METRIC = "compressor_temp_c";

  /** Well above the overheat level of 85. */
  public static final double HOT = 90.0;

  /** Between the clear level (80) and the level (85): neither breaching nor clearing. */
  public static final double WARM = 82.0;

  /** Below the clear level of 80. */
  public static final double NORMAL = 70.0;

  private TestData() {}

  /** The contract's example: above 85 for 2 minutes and 3 readings, clears at 80. */
  public static Rule overheat() {
    return threshold().build();
  }

  public static RuleBuilder threshold() {
    return new RuleBuilder();
  }

  /** A rule around a condition that opens at once, with no cooldown or flap suppression. */
  public static Rule rule(Condition condition) {
    return rule(condition, Lifecycle.IMMEDIATE);
  }

  public static Rule rule(Condition condition, Lifecycle lifecycle) {
    return new Rule("watch", 1, "Watch", Scope.ALL, Severity.WARNING, condition, lifecycle);
  }

  /**
   * Rising toward {@code limit}, holding when the crossing is within {@code horizon}: a one-hour
   * window of 12 five-minute buckets, 6 readings at least, R² 0.5 at least.
   */
  public static TrendForecastCondition risingToward(double limit, Duration horizon) {
    return new TrendForecastCondition(
        METRIC,
        Direction.ABOVE,
        limit,
        null,
        horizon,
        horizon,
        Duration.ofHours(1),
        12,
        6,
        0.5,
        0,
        0.25,
        null);
  }

  /** Drift of more than {@code k} spreads either way after a 20-reading warm-up, no smoothing. */
  public static BaselineDriftCondition drift(double k) {
    return drift(DriftSide.BOTH, k, 1, 0, true);
  }

  public static BaselineDriftCondition drift(
      DriftSide side, double k, int smoothing, double minRelativeSpread, boolean freeze) {
    return new BaselineDriftCondition(
        METRIC, side, k, k / 2, 50, 20, Duration.ZERO, smoothing, 0, minRelativeSpread, freeze);
  }

  /** A reading of the watched metric; seq follows the seconds since T0. */
  public static Reading reading(Instant ts, double value) {
    return new Reading(DEVICE, ts, seqOf(ts), MODEL, Map.of(METRIC, value));
  }

  public static Reading reading(Instant ts, Map<String, Double> metrics) {
    return new Reading(DEVICE, ts, seqOf(ts), MODEL, metrics);
  }

  private static long seqOf(Instant ts) {
    return Math.max(0, Duration.between(T0, ts).toSeconds());
  }

  /** A threshold rule with the contract example's values unless told otherwise. */
  public static final class RuleBuilder {
    private String id = "compressor-overheat";
    private int version = 1;
    private Scope scope = new Scope(Set.of(), Set.of(MODEL));
    private Severity severity = Severity.WARNING;
    private Direction direction = Direction.ABOVE;
    private double level = 85.0;
    private double clearLevel = 80.0;
    private Duration sustainedFor = Duration.ofMinutes(2);
    private int minPoints = 3;

    public RuleBuilder version(int version) {
      this.version = version;
      return this;
    }

    public RuleBuilder id(String id) {
      this.id = id;
      return this;
    }

    public RuleBuilder scope(Scope scope) {
      this.scope = scope;
      return this;
    }

    public RuleBuilder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    public RuleBuilder below(double level, double clearLevel) {
      this.direction = Direction.BELOW;
      this.level = level;
      this.clearLevel = clearLevel;
      return this;
    }

    public RuleBuilder levels(double level, double clearLevel) {
      this.level = level;
      this.clearLevel = clearLevel;
      return this;
    }

    public RuleBuilder sustainedFor(Duration sustainedFor) {
      this.sustainedFor = sustainedFor;
      return this;
    }

    public RuleBuilder minPoints(int minPoints) {
      this.minPoints = minPoints;
      return this;
    }

    public Rule build() {
      return Rule.threshold(
          id,
          version,
          "Compressor overheating",
          scope,
          severity,
          METRIC,
          direction,
          level,
          clearLevel,
          sustainedFor,
          minPoints);
    }
  }
}
