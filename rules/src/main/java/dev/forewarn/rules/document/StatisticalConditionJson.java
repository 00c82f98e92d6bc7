package dev.forewarn.rules.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.drift.BaselineDriftCondition;
import dev.forewarn.rules.drift.DriftInput;
import dev.forewarn.rules.drift.DriftSide;
import dev.forewarn.rules.drift.Seasonality;
import dev.forewarn.rules.rate.RateOfChangeCondition;
import dev.forewarn.rules.rate.RateUnit;
import dev.forewarn.rules.trend.LearnedLimit;
import dev.forewarn.rules.trend.TrendForecastCondition;
import java.time.Duration;
import java.util.List;

/**
 * The JSON form of the conditions that learn from many readings: rate of change, trend forecast and
 * baseline drift. Defaults are in rules/README.md.
 */
final class StatisticalConditionJson {

  private StatisticalConditionJson() {}

  static Condition read(String type, JsonFields f) {
    switch (type) {
      case RateOfChangeCondition.TYPE:
        return readRate(f);
      case TrendForecastCondition.TYPE:
        return readTrend(f);
      default:
        return readDrift(f);
    }
  }

  private static Condition readRate(JsonFields f) {
    f.refuseUnknown(
        List.of(
            "type",
            "metric",
            "direction",
            "limit",
            "clearLimit",
            "per",
            "window",
            "buckets",
            "minPointsInWindow"));
    String metric = f.string("metric");
    Direction direction = f.choice("direction", Direction.class);
    double limit = f.number("limit");
    double clearLimit = f.number("clearLimit", limit);
    RateUnit per = f.choice("per", RateUnit.class);
    Duration window = f.duration("window", null);
    int buckets = f.integer("buckets", 6);
    int minPoints = f.integer("minPointsInWindow", 2);
    return ConditionJson.build(
        f,
        () ->
            new RateOfChangeCondition(
                metric, direction, limit, clearLimit, per, window, buckets, minPoints));
  }

  private static Condition readTrend(JsonFields f) {
    f.refuseUnknown(
        List.of(
            "type",
            "metric",
            "direction",
            "limit",
            "learnedLimit",
            "horizon",
            "clearHorizon",
            "window",
            "buckets",
            "minPointsInWindow",
            "minFit",
            "minConfidence",
            "etaChange",
            "escalateWithin"));
    String metric = f.string("metric");
    Direction direction = f.choice("direction", Direction.class);
    Double limit = f.numberOrNull("limit");
    LearnedLimit learned = readLearnedLimit(f.object("learnedLimit"));
    Duration horizon = f.duration("horizon", null);
    Duration clearHorizon = f.duration("clearHorizon", horizon);
    Duration window = f.duration("window", null);
    int buckets = f.integer("buckets", 12);
    int minPoints = f.integer("minPointsInWindow", buckets);
    double minFit = f.number("minFit", 0.5);
    double minConfidence = f.number("minConfidence", 0);
    double etaChange = f.number("etaChange", 0.25);
    Duration escalateWithin = f.duration("escalateWithin", null);
    return ConditionJson.build(
        f,
        () ->
            new TrendForecastCondition(
                metric,
                direction,
                limit,
                learned,
                horizon,
                clearHorizon,
                window,
                buckets,
                minPoints,
                minFit,
                minConfidence,
                etaChange,
                escalateWithin));
  }

  private static LearnedLimit readLearnedLimit(JsonFields f) {
    if (f == null) {
      return null;
    }
    f.refuseUnknown(
        List.of("spreads", "warmupPoints", "warmupDuration", "minSpread", "minRelativeSpread"));
    double spreads = f.number("spreads");
    int warmupPoints = f.integer("warmupPoints", 30);
    Duration warmupDuration = f.duration("warmupDuration", Duration.ZERO);
    double minSpread = f.number("minSpread", 0);
    double minRelativeSpread = f.number("minRelativeSpread", 0);
    return ConditionJson.build(
        f,
        () ->
            new LearnedLimit(spreads, warmupPoints, warmupDuration, minSpread, minRelativeSpread));
  }

  private static Condition readDrift(JsonFields f) {
    f.refuseUnknown(
        List.of(
            "type",
            "metric",
            "side",
            "k",
            "clearK",
            "halfLifePoints",
            "warmupPoints",
            "warmupDuration",
            "smoothingPoints",
            "minSpread",
            "minRelativeSpread",
            "freezeWhileDeviating",
            "input",
            "halfLife",
            "spreadHalfLife",
            "smoothing",
            "seasonality"));
    String metric = f.string("metric");
    DriftSide side = f.has("side") ? f.choice("side", DriftSide.class) : DriftSide.BOTH;
    double k = f.number("k");
    double clearK = f.number("clearK", k);
    int halfLife = f.integer("halfLifePoints", 100);
    int warmupPoints = f.integer("warmupPoints", 30);
    Duration warmupDuration = f.duration("warmupDuration", Duration.ZERO);
    int smoothing = f.integer("smoothingPoints", 1);
    double minSpread = f.number("minSpread", 0);
    double minRelativeSpread = f.number("minRelativeSpread", 0);
    boolean freeze = f.bool("freezeWhileDeviating", true);
    DriftInput input = f.has("input") ? f.choice("input", DriftInput.class) : DriftInput.VALUE;
    Duration halfLifeTime = f.duration("halfLife", null);
    Duration spreadHalfLife = f.duration("spreadHalfLife", null);
    Duration smoothingTime = f.duration("smoothing", null);
    Seasonality seasonality = LearningConditionJson.readSeasonality(f);
    return ConditionJson.build(
        f,
        () ->
            new BaselineDriftCondition(
                metric,
                side,
                k,
                clearK,
                halfLife,
                warmupPoints,
                warmupDuration,
                smoothing,
                minSpread,
                minRelativeSpread,
                freeze,
                input,
                halfLifeTime,
                spreadHalfLife,
                smoothingTime,
                seasonality));
  }

  static void write(Condition condition, ObjectNode node) {
    if (condition instanceof RateOfChangeCondition rate) {
      node.put("metric", rate.metric());
      node.put("direction", ConditionJson.word(rate.direction()));
      node.put("limit", rate.limit());
      node.put("clearLimit", rate.clearLimit());
      node.put("per", ConditionJson.word(rate.per()));
      node.put("window", rate.window().toString());
      node.put("buckets", rate.buckets());
      node.put("minPointsInWindow", rate.minPointsInWindow());
    } else if (condition instanceof TrendForecastCondition trend) {
      writeTrend(trend, node);
    } else if (condition instanceof BaselineDriftCondition drift) {
      node.put("metric", drift.metric());
      node.put("side", ConditionJson.word(drift.side()));
      node.put("k", drift.k());
      node.put("clearK", drift.clearK());
      node.put("halfLifePoints", drift.halfLifePoints());
      node.put("warmupPoints", drift.warmupPoints());
      node.put("warmupDuration", drift.warmupDuration().toString());
      node.put("smoothingPoints", drift.smoothingPoints());
      node.put("minSpread", drift.minSpread());
      node.put("minRelativeSpread", drift.minRelativeSpread());
      node.put("freezeWhileDeviating", drift.freezeWhileDeviating());
      node.put("input", ConditionJson.word(drift.input()));
      LearningConditionJson.writeEventTime(drift, node);
    } else {
      throw new IllegalArgumentException("no JSON form for " + condition.type());
    }
  }

  private static void writeTrend(TrendForecastCondition trend, ObjectNode node) {
    node.put("metric", trend.metric());
    node.put("direction", ConditionJson.word(trend.direction()));
    if (trend.limit() != null) {
      node.put("limit", trend.limit());
    } else {
      LearnedLimit learned = trend.learnedLimit();
      ObjectNode limit = node.putObject("learnedLimit");
      limit.put("spreads", learned.spreads());
      limit.put("warmupPoints", learned.warmupPoints());
      limit.put("warmupDuration", learned.warmupDuration().toString());
      limit.put("minSpread", learned.minSpread());
      limit.put("minRelativeSpread", learned.minRelativeSpread());
    }
    node.put("horizon", trend.horizon().toString());
    node.put("clearHorizon", trend.clearHorizon().toString());
    node.put("window", trend.window().toString());
    node.put("buckets", trend.buckets());
    node.put("minPointsInWindow", trend.minPointsInWindow());
    node.put("minFit", trend.minFit());
    node.put("minConfidence", trend.minConfidence());
    node.put("etaChange", trend.etaChange());
    if (trend.escalateWithin() != null) {
      node.put("escalateWithin", trend.escalateWithin().toString());
    }
  }
}
