package dev.forewarn.rules.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.rules.anomaly.AnomalyLikelihoodCondition;
import java.time.Duration;
import java.util.List;

/** The JSON form of an {@link AnomalyLikelihoodCondition}; defaults are in rules/README.md. */
final class AnomalyLikelihoodJson {

  static final boolean DEFAULT_STEPS = true;
  static final int DEFAULT_HALF_LIFE = 288;
  static final double DEFAULT_FREEZE = 6;
  static final double DEFAULT_CAP = 20;
  static final int DEFAULT_AVERAGE = 5;
  static final int DEFAULT_HISTORY = 2000;
  static final int DEFAULT_LEARNING = 300;
  static final double DEFAULT_PROBABILITY = 0.9999;
  static final int DEFAULT_SEASON_BUCKETS = 24;
  static final double DEFAULT_RANGE_MARGIN = 0.05;
  static final int DEFAULT_SHIFT_AVERAGE = 80;

  private AnomalyLikelihoodJson() {}

  static AnomalyLikelihoodCondition read(JsonFields f) {
    f.refuseUnknown(
        List.of(
            "type",
            "metric",
            "steps",
            "halfLifePoints",
            "freezeSpreads",
            "capSpreads",
            "averagePoints",
            "historyPoints",
            "learningPoints",
            "probability",
            "clearProbability",
            "budget",
            "season",
            "scale",
            "averageScale",
            "range",
            "shift"));
    String metric = f.string("metric", null);
    boolean steps = f.bool("steps", DEFAULT_STEPS);
    int halfLife = f.integer("halfLifePoints", DEFAULT_HALF_LIFE);
    double freeze = f.number("freezeSpreads", DEFAULT_FREEZE);
    double cap = f.number("capSpreads", DEFAULT_CAP);
    int average = f.integer("averagePoints", DEFAULT_AVERAGE);
    int history = f.integer("historyPoints", DEFAULT_HISTORY);
    int learning = f.integer("learningPoints", DEFAULT_LEARNING);
    double probability = f.number("probability", DEFAULT_PROBABILITY);
    double clearProbability = f.number("clearProbability", probability);
    AnomalyLikelihoodCondition.Budget budget = null;
    JsonFields b = f.object("budget");
    if (b != null) {
      b.refuseUnknown(List.of("cases", "per", "perPoints"));
      int cases = b.integer("cases", 1);
      Duration per = b.duration("per", null);
      long perPoints = b.integer("perPoints", 0);
      budget =
          ConditionJson.build(
              f, () -> new AnomalyLikelihoodCondition.Budget(cases, per, perPoints));
    }
    AnomalyLikelihoodCondition.Budget chosen = budget;
    AnomalyLikelihoodCondition.Season season = null;
    JsonFields cycle = f.object("season");
    if (cycle != null) {
      cycle.refuseUnknown(List.of("points", "period", "buckets"));
      int points = cycle.integer("points", 0);
      Duration period = cycle.duration("period", null);
      int buckets = cycle.integer("buckets", DEFAULT_SEASON_BUCKETS);
      season =
          ConditionJson.build(
              f, () -> new AnomalyLikelihoodCondition.Season(points, period, buckets));
    }
    AnomalyLikelihoodCondition.Season phases = season;
    AnomalyLikelihoodCondition.Range range = null;
    JsonFields beyond = f.object("range");
    if (beyond != null) {
      beyond.refuseUnknown(List.of("margin"));
      double margin = beyond.number("margin", DEFAULT_RANGE_MARGIN);
      range = ConditionJson.build(f, () -> new AnomalyLikelihoodCondition.Range(margin));
    }
    AnomalyLikelihoodCondition.Range reach = range;
    AnomalyLikelihoodCondition.Shift shift = null;
    JsonFields lasting = f.object("shift");
    if (lasting != null) {
      lasting.refuseUnknown(List.of("averagePoints", "probability"));
      int shiftAverage = lasting.integer("averagePoints", DEFAULT_SHIFT_AVERAGE);
      double shiftProbability = lasting.number("probability", probability);
      shift =
          ConditionJson.build(
              f, () -> new AnomalyLikelihoodCondition.Shift(shiftAverage, shiftProbability));
    }
    AnomalyLikelihoodCondition.Shift drift = shift;
    AnomalyLikelihoodCondition.Scale scale =
        f.has("scale")
            ? f.choice("scale", AnomalyLikelihoodCondition.Scale.class)
            : AnomalyLikelihoodCondition.Scale.LINEAR;
    AnomalyLikelihoodCondition.Scale averageScale =
        f.has("averageScale")
            ? f.choice("averageScale", AnomalyLikelihoodCondition.Scale.class)
            : AnomalyLikelihoodCondition.Scale.LINEAR;
    return ConditionJson.build(
        f,
        () ->
            new AnomalyLikelihoodCondition(
                metric,
                steps,
                halfLife,
                freeze,
                cap,
                average,
                history,
                learning,
                probability,
                clearProbability,
                chosen,
                phases,
                scale,
                averageScale,
                reach,
                drift));
  }

  static void write(AnomalyLikelihoodCondition c, ObjectNode node) {
    node.put("metric", c.metric());
    node.put("scale", ConditionJson.word(c.scale()));
    node.put("steps", c.steps());
    node.put("halfLifePoints", c.halfLifePoints());
    node.put("freezeSpreads", c.freezeSpreads());
    node.put("capSpreads", c.capSpreads());
    node.put("averagePoints", c.averagePoints());
    node.put("historyPoints", c.historyPoints());
    node.put("learningPoints", c.learningPoints());
    node.put("averageScale", ConditionJson.word(c.averageScale()));
    node.put("probability", c.probability());
    node.put("clearProbability", c.clearProbability());
    if (c.budget() != null) {
      ObjectNode budget = node.putObject("budget");
      budget.put("cases", c.budget().cases());
      if (c.budget().per() != null) {
        budget.put("per", c.budget().per().toString());
      } else {
        budget.put("perPoints", c.budget().perPoints());
      }
    }
    if (c.season() != null) {
      ObjectNode season = node.putObject("season");
      if (c.season().timed()) {
        season.put("period", c.season().period().toString());
      } else {
        season.put("points", c.season().points());
      }
      season.put("buckets", c.season().buckets());
    }
    if (c.range() != null) {
      node.putObject("range").put("margin", c.range().margin());
    }
    if (c.shift() != null) {
      ObjectNode shift = node.putObject("shift");
      shift.put("averagePoints", c.shift().averagePoints());
      shift.put("probability", c.shift().probability());
    }
  }
}
