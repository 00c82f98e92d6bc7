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
            "scale"));
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
      cycle.refuseUnknown(List.of("points", "buckets"));
      int points = cycle.integer("points", 0);
      int buckets = cycle.integer("buckets", DEFAULT_SEASON_BUCKETS);
      season = ConditionJson.build(f, () -> new AnomalyLikelihoodCondition.Season(points, buckets));
    }
    AnomalyLikelihoodCondition.Season phases = season;
    AnomalyLikelihoodCondition.Scale scale =
        f.has("scale")
            ? f.choice("scale", AnomalyLikelihoodCondition.Scale.class)
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
                scale));
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
      season.put("points", c.season().points());
      season.put("buckets", c.season().buckets());
    }
  }
}
