package dev.forewarn.rules.document;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.rules.composite.AnyOpensCondition;
import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.drift.BaselineDriftCondition;
import dev.forewarn.rules.drift.Seasonality;
import dev.forewarn.rules.index.DeviationIndexCondition;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of the deviation index, any-opens and the event-time options of baseline drift.
 * Defaults are in rules/README.md.
 */
final class LearningConditionJson {

  private LearningConditionJson() {}

  static Seasonality readSeasonality(JsonFields drift) {
    JsonFields f = drift.object("seasonality");
    if (f == null) {
      return null;
    }
    f.refuseUnknown(List.of("period", "bucket", "zone"));
    Duration period = f.duration("period", null);
    Duration bucket = f.duration("bucket", null);
    ZoneId zone = ZoneOffset.UTC;
    if (f.has("zone")) {
      String name = f.string("zone");
      try {
        zone = ZoneId.of(name);
      } catch (DateTimeException e) {
        throw new RuleValidationException(
            f.at("zone"), "not a time zone (\"" + name + "\"); use a name such as Europe/Paris");
      }
    }
    ZoneId chosen = zone;
    // The record names its fields "seasonality.x"; the path already ends in "seasonality".
    return ConditionJson.build(drift, () -> new Seasonality(period, bucket, chosen));
  }

  static void writeEventTime(BaselineDriftCondition drift, ObjectNode node) {
    if (drift.halfLife() != null) {
      node.put("halfLife", drift.halfLife().toString());
      node.put("spreadHalfLife", drift.spreadOrCentreHalfLife().toString());
      node.put(
          "smoothing", (drift.smoothing() == null ? Duration.ZERO : drift.smoothing()).toString());
    }
    if (drift.seasonality() != null) {
      ObjectNode seasonality = node.putObject("seasonality");
      seasonality.put("period", drift.seasonality().period().toString());
      seasonality.put("bucket", drift.seasonality().bucket().toString());
      seasonality.put("zone", drift.seasonality().zone().getId());
    }
  }

  static Condition readIndex(JsonFields f) {
    f.refuseUnknown(
        List.of(
            "type",
            "metrics",
            "warmupPoints",
            "minSpread",
            "minSpreads",
            "smoothingHalfLife",
            "aggregate",
            "k",
            "clearK",
            "forecast"));
    if (!f.has("metrics")) {
      throw new RuleValidationException(f.at("metrics"), "required");
    }
    List<String> metrics = f.wordList("metrics", "metric");
    int warmup = f.integer("warmupPoints", 30);
    double minSpread = f.number("minSpread", 0);
    Map<String, Double> floors = new LinkedHashMap<>();
    JsonFields spreads = f.object("minSpreads");
    if (spreads != null) {
      for (String name : spreads.names()) {
        floors.put(name, spreads.number(name));
      }
    }
    double smoothing = f.number("smoothingHalfLife", 0);
    DeviationIndexCondition.Aggregate aggregate = aggregate(f);
    double k = f.number("k");
    double clearK = f.number("clearK", k);
    DeviationIndexCondition.IndexForecast forecast = null;
    JsonFields gate = f.object("forecast");
    if (gate != null) {
      gate.refuseUnknown(List.of("window", "limit", "horizon", "minSlope"));
      int window = gate.integer("window", 20);
      double limit = gate.number("limit");
      int horizon = gate.integer("horizon", 0);
      if (!gate.has("horizon")) {
        throw new RuleValidationException(gate.at("horizon"), "required");
      }
      double minSlope = gate.number("minSlope", 0);
      forecast =
          ConditionJson.build(
              f, () -> new DeviationIndexCondition.IndexForecast(window, limit, horizon, minSlope));
    }
    DeviationIndexCondition.IndexForecast chosen = forecast;
    return ConditionJson.build(
        f,
        () ->
            new DeviationIndexCondition(
                metrics, warmup, minSpread, floors, smoothing, aggregate, k, clearK, chosen));
  }

  private static DeviationIndexCondition.Aggregate aggregate(JsonFields f) {
    String text = f.string("aggregate", "rms");
    switch (text) {
      case "rms":
        return DeviationIndexCondition.Aggregate.RMS;
      case "mean-abs":
        return DeviationIndexCondition.Aggregate.MEAN_ABS;
      default:
        throw new RuleValidationException(
            f.at("aggregate"), "\"" + text + "\" is not one of rms, mean-abs");
    }
  }

  static Condition readAnyOpens(JsonFields f) {
    f.refuseUnknown(List.of("type", "cooldown", "conditions"));
    Duration cooldown = f.duration("cooldown", null);
    List<AnyOpensCondition.Opener> openers = new ArrayList<>();
    for (JsonFields child : f.objects("conditions")) {
      child.refuseUnknown(List.of("condition", "minPoints", "cooldown"));
      JsonFields condition = child.object("condition");
      if (condition == null) {
        throw new RuleValidationException(child.at("condition"), "required");
      }
      Condition read = ConditionJson.read(condition);
      int minPoints = child.integer("minPoints", 1);
      Duration childCooldown = child.duration("cooldown", Duration.ZERO);
      openers.add(
          ConditionJson.build(
              child, () -> new AnyOpensCondition.Opener(read, minPoints, childCooldown)));
    }
    return ConditionJson.build(f, () -> new AnyOpensCondition(cooldown, openers));
  }

  static void write(Condition condition, ObjectNode node) {
    if (condition instanceof AnyOpensCondition anyOpens) {
      node.put("cooldown", anyOpens.cooldown().toString());
      ArrayNode children = node.putArray("conditions");
      for (AnyOpensCondition.Opener opener : anyOpens.conditions()) {
        ObjectNode child = children.addObject();
        ConditionJson.write(opener.condition(), child.putObject("condition"));
        child.put("minPoints", opener.minPoints());
        child.put("cooldown", opener.cooldown().toString());
      }
      return;
    }
    DeviationIndexCondition index = (DeviationIndexCondition) condition;
    ArrayNode metrics = node.putArray("metrics");
    index.metrics().forEach(metrics::add);
    node.put("warmupPoints", index.warmupPoints());
    node.put("minSpread", index.minSpread());
    ObjectNode floors = node.putObject("minSpreads");
    new TreeMap<>(index.minSpreads()).forEach(floors::put);
    node.put("smoothingHalfLife", index.smoothingHalfLife());
    node.put(
        "aggregate",
        index.aggregate() == DeviationIndexCondition.Aggregate.RMS ? "rms" : "mean-abs");
    node.put("k", index.k());
    node.put("clearK", index.clearK());
    if (index.forecast() != null) {
      ObjectNode forecast = node.putObject("forecast");
      forecast.put("window", index.forecast().window());
      forecast.put("limit", index.forecast().limit());
      forecast.put("horizon", index.forecast().horizon());
      forecast.put("minSlope", index.forecast().minSlope());
    }
  }
}
