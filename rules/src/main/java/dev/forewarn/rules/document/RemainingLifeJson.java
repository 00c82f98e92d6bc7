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
            "model",
            "modes",
            "warmupPoints",
            "smoothingHalfLife",
            "unit",
            "ageMetric",
            "horizon",
            "clearHorizon",
            "etaChange"));
    List<RemainingLifeCondition.FaultMode> modes = new ArrayList<>();
    if (f.has("modes")) {
      for (String single : List.of("metrics", "model")) {
        if (f.has(single)) {
          throw new RuleValidationException(
              f.at(single), "give either metrics and model, or modes, not both");
        }
      }
      for (JsonFields m : f.objects("modes")) {
        m.refuseUnknown(List.of("name", "metrics", "model"));
        String name = m.string("name", null);
        List<RemainingLifeCondition.IndexMetric> metrics = metrics(m);
        RemainingLifeCondition.LifeModel model = model(m);
        modes.add(
            ConditionJson.build(
                m, () -> new RemainingLifeCondition.FaultMode(name, metrics, model)));
      }
    } else {
      List<RemainingLifeCondition.IndexMetric> metrics = metrics(f);
      RemainingLifeCondition.LifeModel model = model(f);
      modes.add(
          ConditionJson.build(f, () -> new RemainingLifeCondition.FaultMode(null, metrics, model)));
    }
    int warmup = f.integer("warmupPoints", 30);
    double smoothing = f.number("smoothingHalfLife", 0);
    Duration unit = f.duration("unit", null);
    String ageMetric = f.string("ageMetric", null);
    Duration horizon = f.duration("horizon", null);
    Duration clearHorizon = f.duration("clearHorizon", horizon);
    double etaChange = f.number("etaChange", DEFAULT_ETA_CHANGE);
    return ConditionJson.build(
        f,
        () ->
            new RemainingLifeCondition(
                modes, warmup, smoothing, unit, ageMetric, horizon, clearHorizon, etaChange));
  }

  private static List<RemainingLifeCondition.IndexMetric> metrics(JsonFields f) {
    List<RemainingLifeCondition.IndexMetric> metrics = new ArrayList<>();
    for (JsonFields m : f.objects("metrics")) {
      m.refuseUnknown(List.of("metric", "centre", "spread", "worse", "weight"));
      String name = m.string("metric");
      double centre = m.number("centre");
      double spread = m.number("spread");
      RemainingLifeCondition.Worse worse = m.choice("worse", RemainingLifeCondition.Worse.class);
      double weight = m.number("weight", 1);
      metrics.add(
          ConditionJson.build(
              m,
              () -> new RemainingLifeCondition.IndexMetric(name, centre, spread, worse, weight)));
    }
    return metrics;
  }

  private static RemainingLifeCondition.LifeModel model(JsonFields f) {
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
    return ConditionJson.build(
        f, () -> new RemainingLifeCondition.LifeModel(intercept, drift, initial, age, ageSquared));
  }

  static void write(RemainingLifeCondition condition, ObjectNode node) {
    List<RemainingLifeCondition.FaultMode> modes = condition.modes();
    if (modes.size() == 1 && modes.get(0).name() == null) {
      writeMode(modes.get(0), node);
    } else {
      ArrayNode array = node.putArray("modes");
      for (RemainingLifeCondition.FaultMode mode : modes) {
        ObjectNode m = array.addObject();
        if (mode.name() != null) {
          m.put("name", mode.name());
        }
        writeMode(mode, m);
      }
    }
    node.put("warmupPoints", condition.warmupPoints());
    node.put("smoothingHalfLife", condition.smoothingHalfLife());
    node.put("unit", condition.unit().toString());
    if (condition.ageMetric() != null) {
      node.put("ageMetric", condition.ageMetric());
    }
    node.put("horizon", condition.horizon().toString());
    node.put("clearHorizon", condition.clearHorizon().toString());
    node.put("etaChange", condition.etaChange());
  }

  private static void writeMode(RemainingLifeCondition.FaultMode mode, ObjectNode node) {
    ArrayNode metrics = node.putArray("metrics");
    for (RemainingLifeCondition.IndexMetric metric : mode.metrics()) {
      ObjectNode m = metrics.addObject();
      m.put("metric", metric.metric());
      m.put("centre", metric.centre());
      m.put("spread", metric.spread());
      m.put("worse", ConditionJson.word(metric.worse()));
      m.put("weight", metric.weight());
    }
    ObjectNode model = node.putObject("model");
    model.put("intercept", mode.model().intercept());
    model.put("drift", mode.model().drift());
    model.put("initial", mode.model().initial());
    model.put("age", mode.model().age());
    model.put("ageSquared", mode.model().ageSquared());
  }
}
