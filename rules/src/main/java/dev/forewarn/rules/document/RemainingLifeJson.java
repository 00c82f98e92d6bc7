package dev.forewarn.rules.document;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.rules.life.RemainingLifeCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The JSON form of a {@link RemainingLifeCondition}; defaults are in rules/README.md. */
final class RemainingLifeJson {

  private static final double DEFAULT_ETA_CHANGE = 0.25;

  private RemainingLifeJson() {}

  static RemainingLifeCondition read(JsonFields f) {
    f.refuseUnknown(
        List.of(
            "type",
            "metrics",
            "warmupPoints",
            "smoothingHalfLife",
            "unit",
            "ageMetric",
            "model",
            "horizon",
            "clearHorizon",
            "etaChange"));
    List<RemainingLifeCondition.IndexMetric> metrics = new ArrayList<>();
    for (JsonFields m : f.objects("metrics")) {
      m.refuseUnknown(List.of("metric", "centre", "spread", "worse"));
      String name = m.string("metric");
      double centre = m.number("centre");
      double spread = m.number("spread");
      RemainingLifeCondition.Worse worse = m.choice("worse", RemainingLifeCondition.Worse.class);
      metrics.add(
          ConditionJson.build(
              m, () -> new RemainingLifeCondition.IndexMetric(name, centre, spread, worse)));
    }
    int warmup = f.integer("warmupPoints", 30);
    double smoothing = f.number("smoothingHalfLife", 0);
    Duration unit = f.duration("unit", null);
    String ageMetric = f.string("ageMetric", null);
    JsonFields m = f.object("model");
    if (m == null) {
      throw new RuleValidationException(f.at("model"), "required");
    }
    m.refuseUnknown(List.of("intercept", "drift", "initial", "age", "ageSquared"));
    double intercept = m.number("intercept");
    double drift = m.number("drift", 0);
    double initial = m.number("initial", 0);
    double age = m.number("age", 0);
    double ageSquared = m.number("ageSquared", 0);
    RemainingLifeCondition.LifeModel model =
        ConditionJson.build(
            f,
            () -> new RemainingLifeCondition.LifeModel(intercept, drift, initial, age, ageSquared));
    Duration horizon = f.duration("horizon", null);
    Duration clearHorizon = f.duration("clearHorizon", horizon);
    double etaChange = f.number("etaChange", DEFAULT_ETA_CHANGE);
    return ConditionJson.build(
        f,
        () ->
            new RemainingLifeCondition(
                metrics,
                warmup,
                smoothing,
                unit,
                ageMetric,
                model,
                horizon,
                clearHorizon,
                etaChange));
  }

  static void write(RemainingLifeCondition condition, ObjectNode node) {
    ArrayNode metrics = node.putArray("metrics");
    for (RemainingLifeCondition.IndexMetric metric : condition.metrics()) {
      ObjectNode m = metrics.addObject();
      m.put("metric", metric.metric());
      m.put("centre", metric.centre());
      m.put("spread", metric.spread());
      m.put("worse", ConditionJson.word(metric.worse()));
    }
    node.put("warmupPoints", condition.warmupPoints());
    node.put("smoothingHalfLife", condition.smoothingHalfLife());
    node.put("unit", condition.unit().toString());
    if (condition.ageMetric() != null) {
      node.put("ageMetric", condition.ageMetric());
    }
    ObjectNode model = node.putObject("model");
    model.put("intercept", condition.model().intercept());
    model.put("drift", condition.model().drift());
    model.put("initial", condition.model().initial());
    model.put("age", condition.model().age());
    model.put("ageSquared", condition.model().ageSquared());
    node.put("horizon", condition.horizon().toString());
    node.put("clearHorizon", condition.clearHorizon().toString());
    node.put("etaChange", condition.etaChange());
  }
}
