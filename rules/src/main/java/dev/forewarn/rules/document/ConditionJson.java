package dev.forewarn.rules.document;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.rules.anomaly.AnomalyLikelihoodCondition;
import dev.forewarn.rules.composite.AnyOpensCondition;
import dev.forewarn.rules.composite.CompositeCondition;
import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.drift.BaselineDriftCondition;
import dev.forewarn.rules.index.DeviationIndexCondition;
import dev.forewarn.rules.life.RemainingLifeCondition;
import dev.forewarn.rules.rate.RateOfChangeCondition;
import dev.forewarn.rules.silence.SilenceCondition;
import dev.forewarn.rules.threshold.ThresholdCondition;
import dev.forewarn.rules.trend.TrendForecastCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The JSON form of a {@link Condition}: an object whose {@code type} names the condition; see the
 * field tables in rules/README.md. Problems found by a record's constructor are named by their full
 * path ({@code condition.conditions[1].window}).
 */
final class ConditionJson {

  /** The condition types, in the order error messages list them. */
  static final List<String> TYPES =
      List.of(
          ThresholdCondition.TYPE,
          RateOfChangeCondition.TYPE,
          TrendForecastCondition.TYPE,
          BaselineDriftCondition.TYPE,
          SilenceCondition.TYPE,
          DeviationIndexCondition.TYPE,
          RemainingLifeCondition.TYPE,
          AnomalyLikelihoodCondition.TYPE,
          "all",
          "any",
          AnyOpensCondition.TYPE);

  private ConditionJson() {}

  static Condition read(JsonFields fields) {
    String type = fields.has("type") ? fields.string("type") : null;
    if (type == null || !TYPES.contains(type)) {
      throw new RuleValidationException(
          fields.at("type"),
          (type == null ? "required" : "unknown type \"" + type + "\"")
              + "; known types: "
              + String.join(", ", TYPES));
    }
    switch (type) {
      case ThresholdCondition.TYPE:
        fields.refuseUnknown(List.of("type", "metric", "direction", "level", "clearLevel"));
        return readThreshold(fields);
      case SilenceCondition.TYPE:
        fields.refuseUnknown(List.of("type", "metric", "after"));
        return build(
            fields,
            () ->
                new SilenceCondition(
                    fields.string("metric", null), fields.duration("after", null)));
      case "all":
      case "any":
        fields.refuseUnknown(List.of("type", "conditions"));
        List<Condition> children = new ArrayList<>();
        fields.objects("conditions").forEach(child -> children.add(read(child)));
        CompositeCondition.Join join =
            "all".equals(type) ? CompositeCondition.Join.ALL : CompositeCondition.Join.ANY;
        return build(fields, () -> new CompositeCondition(join, children));
      case DeviationIndexCondition.TYPE:
        return LearningConditionJson.readIndex(fields);
      case AnyOpensCondition.TYPE:
        return LearningConditionJson.readAnyOpens(fields);
      case RemainingLifeCondition.TYPE:
        return RemainingLifeJson.read(fields);
      case AnomalyLikelihoodCondition.TYPE:
        return AnomalyLikelihoodJson.read(fields);
      default:
        return StatisticalConditionJson.read(type, fields);
    }
  }

  /** Threshold fields; also the top-level fields of a schema version 1 document. */
  static ThresholdCondition readThreshold(JsonFields fields) {
    String metric = fields.string("metric");
    Direction direction = fields.choice("direction", Direction.class);
    double level = fields.number("level");
    double clearLevel = fields.number("clearLevel", level);
    return build(fields, () -> new ThresholdCondition(metric, direction, level, clearLevel));
  }

  /** Runs a record's constructor, naming a refused field by its full path. */
  static <T> T build(JsonFields fields, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (RuleValidationException e) {
      throw e.under(fields.path());
    }
  }

  static void write(Condition condition, ObjectNode node) {
    node.put("type", condition.type());
    if (condition instanceof ThresholdCondition threshold) {
      node.put("metric", threshold.metric());
      node.put("direction", word(threshold.direction()));
      node.put("level", threshold.level());
      node.put("clearLevel", threshold.clearLevel());
    } else if (condition instanceof SilenceCondition silence) {
      if (silence.metric() != null) {
        node.put("metric", silence.metric());
      }
      node.put("after", silence.after().toString());
    } else if (condition instanceof CompositeCondition composite) {
      ArrayNode children = node.putArray("conditions");
      composite.conditions().forEach(child -> write(child, children.addObject()));
    } else if (condition instanceof RemainingLifeCondition life) {
      RemainingLifeJson.write(life, node);
    } else if (condition instanceof AnomalyLikelihoodCondition anomaly) {
      AnomalyLikelihoodJson.write(anomaly, node);
    } else if (condition instanceof DeviationIndexCondition
        || condition instanceof AnyOpensCondition) {
      LearningConditionJson.write(condition, node);
    } else {
      StatisticalConditionJson.write(condition, node);
    }
  }

  static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
