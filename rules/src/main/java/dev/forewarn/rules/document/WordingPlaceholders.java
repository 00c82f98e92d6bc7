package dev.forewarn.rules.document;

import dev.forewarn.rules.anomaly.AnomalyLikelihoodCondition;
import dev.forewarn.rules.composite.AnyOpensCondition;
import dev.forewarn.rules.composite.CompositeCondition;
import dev.forewarn.rules.condition.Condition;
import dev.forewarn.rules.drift.BaselineDriftCondition;
import dev.forewarn.rules.index.DeviationIndexCondition;
import dev.forewarn.rules.life.RemainingLifeCondition;
import dev.forewarn.rules.rate.RateOfChangeCondition;
import dev.forewarn.rules.silence.SilenceCondition;
import dev.forewarn.rules.threshold.ThresholdCondition;
import dev.forewarn.rules.trend.TrendForecastCondition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence names a condition's decisions carry (rules/README.md, "Decisions"), each with the
 * metric whose unit its values are in, or null for a count, ratio or duration. The lifecycle's own
 * evidence ({@code breach_seconds}, {@code points}) is there for every condition.
 */
final class WordingPlaceholders {

  private WordingPlaceholders() {}

  /** Evidence name to metric (null: no unit), in a stable order. */
  static Map<String, String> of(Condition condition) {
    Map<String, String> names = new LinkedHashMap<>();
    add(condition, "", names);
    names.put("breach_seconds", null);
    names.put("points", null);
    return names;
  }

  private static void add(Condition condition, String prefix, Map<String, String> names) {
    if (condition instanceof ThresholdCondition t) {
      metric(names, prefix, t.metric(), "value", "level", "clear_level");
    } else if (condition instanceof RateOfChangeCondition r) {
      metric(names, prefix, r.metric(), "value");
      plain(names, prefix, "rate", "limit", "clear_limit", "window_points");
    } else if (condition instanceof TrendForecastCondition t) {
      metric(names, prefix, t.metric(), "value", "fitted_value", "limit");
      plain(names, prefix, "slope_per_hour", "fit_r2", "window_points");
    } else if (condition instanceof BaselineDriftCondition d) {
      metric(names, prefix, d.metric(), "value", "smoothed", "baseline", "spread");
      plain(names, prefix, "deviation", "k", "bucket");
    } else if (condition instanceof AnomalyLikelihoodCondition a) {
      metric(names, prefix, a.metric(), "value");
      plain(
          names,
          prefix,
          "score",
          "average",
          "likelihood",
          "surprise",
          "threshold",
          "budget_learning");
      if (a.range() != null) {
        plain(names, prefix, "beyond_range");
      }
      if (a.shift() != null) {
        plain(names, prefix, "shift_likelihood");
      }
    } else if (condition instanceof SilenceCondition) {
      plain(names, prefix, "silent_seconds", "after_seconds");
    } else if (condition instanceof DeviationIndexCondition) {
      plain(
          names,
          prefix,
          "index",
          "k",
          "fitted_index",
          "slope_per_reading",
          "limit",
          "eta_readings");
    } else if (condition instanceof RemainingLifeCondition life) {
      plain(names, prefix, "index", "initial", "drift", "age_units", "life_units");
      if (life.modes().size() > 1) {
        plain(names, prefix, "mode");
      }
    } else if (condition instanceof CompositeCondition c) {
      children(c.conditions(), prefix, names);
    } else if (condition instanceof AnyOpensCondition a) {
      children(
          a.conditions().stream().map(AnyOpensCondition.Opener::condition).toList(), prefix, names);
    }
  }

  private static void children(List<Condition> children, String prefix, Map<String, String> names) {
    for (int i = 0; i < children.size(); i++) {
      add(children.get(i), prefix + JsonPaths.element("conditions", i) + ".", names);
    }
  }

  private static void metric(
      Map<String, String> names, String prefix, String metric, String... evidence) {
    for (String name : evidence) {
      names.put(prefix + name, metric);
    }
  }

  private static void plain(Map<String, String> names, String prefix, String... evidence) {
    for (String name : evidence) {
      names.put(prefix + name, null);
    }
  }
}
