package dev.forewarn.bench.detection;

import dev.forewarn.rules.backtest.Backtester;
import dev.forewarn.rules.backtest.DeviceOutcome;
import dev.forewarn.rules.backtest.FailureTimes;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-validation of the remaining-life calibration by engine: the engines are dealt into folds by
 * unit number; each fold is scored with a document fitted on the other folds only (its metrics,
 * directions, scales and model, and, when the horizon is chosen, its horizon, chosen by an inner
 * cross-validation on those same other folds). The figures pool the held-out engines of every fold.
 */
final class RemainingLifeCrossValidation {

  /** The horizons an automatic choice tries, in cycles. */
  static final List<Integer> HORIZONS = List.of(85, 90, 95, 100, 105, 110, 115, 120);

  /** The most engines alerted more than 125 cycles early that a chosen horizon may give. */
  static final double MAX_EARLY_SHARE = 0.05;

  /**
   * The pooled figures and the horizon each fold used.
   *
   * @param result the held-out engines' figures
   * @param horizons the horizon of each fold's document, in cycles
   */
  record Outcome(CmapssResult result, List<Integer> horizons) {}

  private RemainingLifeCrossValidation() {}

  /**
   * @param horizon the document's horizon in cycles, or null to choose it inside each fold
   */
  static Outcome run(
      List<Engine> engines,
      List<String> metrics,
      double consistency,
      boolean eitherWay,
      Integer horizon,
      int folds) {
    List<DeviceOutcome> outcomes = new ArrayList<>();
    List<Integer> used = new ArrayList<>();
    for (int fold = 0; fold < folds; fold++) {
      List<Engine> train = new ArrayList<>();
      List<Engine> test = new ArrayList<>();
      split(engines, folds, fold, train, test);
      int h = horizon != null ? horizon : choose(train, metrics, consistency, eitherWay, folds - 1);
      used.add(h);
      RemainingLifeCalibration fit = RemainingLifeFit.fit(train, metrics, consistency, eitherWay);
      outcomes.addAll(score(fit, h, test));
    }
    return new Outcome(summarise(outcomes), used);
  }

  /**
   * The largest horizon whose cross-validated early share stays within {@link #MAX_EARLY_SHARE}, or
   * the smallest one tried when none does.
   */
  static int choose(
      List<Engine> engines,
      List<String> metrics,
      double consistency,
      boolean eitherWay,
      int folds) {
    Map<Integer, List<DeviceOutcome>> byHorizon = new LinkedHashMap<>();
    HORIZONS.forEach(h -> byHorizon.put(h, new ArrayList<>()));
    for (int fold = 0; fold < folds; fold++) {
      List<Engine> train = new ArrayList<>();
      List<Engine> test = new ArrayList<>();
      split(engines, folds, fold, train, test);
      RemainingLifeCalibration fit = RemainingLifeFit.fit(train, metrics, consistency, eitherWay);
      for (int h : HORIZONS) {
        byHorizon.get(h).addAll(score(fit, h, test));
      }
    }
    int chosen = HORIZONS.get(0);
    for (int h : HORIZONS) {
      CmapssResult result = summarise(byHorizon.get(h));
      if (result.earlyShare() <= MAX_EARLY_SHARE) {
        chosen = h;
      }
    }
    return chosen;
  }

  /** Deals engines into folds by their position (unit order). */
  private static void split(
      List<Engine> engines, int folds, int fold, List<Engine> train, List<Engine> test) {
    for (int i = 0; i < engines.size(); i++) {
      (i % folds == fold ? test : train).add(engines.get(i));
    }
  }

  /** Replays engines run to failure through the fitted document with this horizon. */
  static List<DeviceOutcome> score(
      RemainingLifeCalibration fit, int horizon, List<Engine> engines) {
    Rule rule =
        RuleJson.parse(RemainingLifeRule.document(fit, Duration.ofHours(horizon)).toString());
    List<Reading> readings = new ArrayList<>();
    Map<String, Instant> failures = new LinkedHashMap<>();
    for (Engine engine : engines) {
      readings.addAll(engine.readings());
      failures.put(engine.deviceId(), engine.readings().get(engine.readings().size() - 1).ts());
    }
    return new ArrayList<>(
        new Backtester(List.of(rule))
            .run(
                readings,
                new FailureTimes(
                    failures, Cmapss.CYCLE.multipliedBy(CmapssRun.EARLY_HORIZON_CYCLES)))
            .outcomes()
            .values());
  }

  static CmapssResult summarise(List<DeviceOutcome> outcomes) {
    return CmapssRun.summarise(outcomes, outcomes.size());
  }
}
