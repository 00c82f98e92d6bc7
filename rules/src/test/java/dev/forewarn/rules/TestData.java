package dev.forewarn.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Named instants, devices, rules and readings shared by the tests. */
final class TestData {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final Instant T0_PLUS_30S = T0.plusSeconds(30);
  static final Instant T0_PLUS_1M = T0.plusSeconds(60);
  static final Instant T0_PLUS_90S = T0.plusSeconds(90);
  static final Instant T0_PLUS_2M = T0.plusSeconds(120);
  static final Instant T0_PLUS_3M = T0.plusSeconds(180);
  static final Instant T0_PLUS_4M = T0.plusSeconds(240);
  static final Instant T0_PLUS_5M = T0.plusSeconds(300);
  static final Instant T0_PLUS_6M = T0.plusSeconds(360);
  static final Instant T0_PLUS_10M = T0.plusSeconds(600);
  static final Instant T0_PLUS_1H = T0.plusSeconds(3600);

  static final String DEVICE = "ac-0001";
  static final String OTHER_DEVICE = "ac-0002";
  static final String MODEL = "AC-200";
  static final String METRIC = "compressor_temp_c";

  /** Well above the overheat level of 85. */
  static final double HOT = 90.0;

  /** Between the clear level (80) and the level (85): neither breaching nor clearing. */
  static final double WARM = 82.0;

  /** Below the clear level of 80. */
  static final double NORMAL = 70.0;

  private TestData() {}

  /** The contract's example: above 85 for 2 minutes and 3 readings, clears at 80. */
  static Rule overheat() {
    return threshold().build();
  }

  static RuleBuilder threshold() {
    return new RuleBuilder();
  }

  /** A reading of the watched metric; seq follows the seconds since T0. */
  static Reading reading(Instant ts, double value) {
    return new Reading(DEVICE, ts, seqOf(ts), MODEL, Map.of(METRIC, value));
  }

  static Reading reading(Instant ts, Map<String, Double> metrics) {
    return new Reading(DEVICE, ts, seqOf(ts), MODEL, metrics);
  }

  private static long seqOf(Instant ts) {
    return Math.max(0, Duration.between(T0, ts).toSeconds());
  }

  /** A threshold rule with the contract example's values unless told otherwise. */
  static final class RuleBuilder {
    private String id = "compressor-overheat";
    private int version = 1;
    private Scope scope = new Scope(Set.of(), Set.of(MODEL));
    private Severity severity = Severity.WARNING;
    private Direction direction = Direction.ABOVE;
    private double level = 85.0;
    private double clearLevel = 80.0;
    private Duration sustainedFor = Duration.ofMinutes(2);
    private int minPoints = 3;

    RuleBuilder version(int version) {
      this.version = version;
      return this;
    }

    RuleBuilder id(String id) {
      this.id = id;
      return this;
    }

    RuleBuilder scope(Scope scope) {
      this.scope = scope;
      return this;
    }

    RuleBuilder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    RuleBuilder below(double level, double clearLevel) {
      this.direction = Direction.BELOW;
      this.level = level;
      this.clearLevel = clearLevel;
      return this;
    }

    RuleBuilder levels(double level, double clearLevel) {
      this.level = level;
      this.clearLevel = clearLevel;
      return this;
    }

    RuleBuilder sustainedFor(Duration sustainedFor) {
      this.sustainedFor = sustainedFor;
      return this;
    }

    RuleBuilder minPoints(int minPoints) {
      this.minPoints = minPoints;
      return this;
    }

    Rule build() {
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
