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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-validation of the remaining-life calibration by engine. The engines are dealt into folds by
 * unit number; each fold is scored with a document fitted on the other folds only: its centres,
 * spreads, fault modes, health indexes and models, and what the calibration chooses (the number of
 * fault modes, the health index's cap and the horizon), chosen by an inner cross-validation on
 * those same other folds. The figures pool the held-out engines of every fold.
 */
final class RemainingLifeCrossValidation {

  /** The horizons a choice tries, in cycles: 84 to 130 in steps of 2. */
  static final List<Integer> HORIZONS = horizons();

  /** The fault modes a choice tries. */
  static final List<Integer> MODES = List.of(1, 2);

  /** The health index caps a choice tries, in cycles. */
  static final List<Integer> LIFE_CAPS = List.of(125, 150);

  /** The most engines alerted more than 125 cycles early that the targets allow. */
  static final double MAX_EARLY_SHARE = 0.05;

  /**
   * The most engines alerted more than 125 cycles early that a chosen horizon may give in the inner
   * cross-validation, by default: below {@link #MAX_EARLY_SHARE}, since the early share rises
   * steeply with the horizon and a new set of engines lands a few points either side of the share
   * measured on these.
   */
  static final double EARLY_SHARE = 0.03;

  /**
   * What the calibration chooses.
   *
   * @param modes fault modes
   * @param lifeCap the health index's cap, in cycles
   * @param horizon the document's horizon, in cycles
   */
  record Choice(int modes, int lifeCap, int horizon) {
    @Override
    public String toString() {
      return modes
          + (modes == 1 ? " mode" : " modes")
          + ", cap "
          + lifeCap
          + ", horizon "
          + horizon;
    }
  }

  /**
   * What may be chosen: each list holds the values tried, one value when it is fixed.
   *
   * @param modes fault modes to try
   * @param lifeCaps caps to try, in cycles
   * @param horizons horizons to try, in cycles
   * @param earlyShare the most engines alerted more than 125 cycles early that a chosen horizon may
   *     give in the cross-validation
   */
  record Candidates(
      List<Integer> modes, List<Integer> lifeCaps, List<Integer> horizons, double earlyShare) {
    Candidates {
      modes = List.copyOf(modes);
      lifeCaps = List.copyOf(lifeCaps);
      horizons = List.copyOf(horizons);
    }

    /** These values, a horizon chosen within the default {@link #EARLY_SHARE}. */
    Candidates(List<Integer> modes, List<Integer> lifeCaps, List<Integer> horizons) {
      this(modes, lifeCaps, horizons, EARLY_SHARE);
    }

    /** Everything chosen by cross-validation. */
    static Candidates all() {
      return new Candidates(MODES, LIFE_CAPS, HORIZONS);
    }
  }

  /**
   * The pooled figures of the held-out engines and what each fold chose.
   *
   * @param result the held-out engines' figures
   * @param choices each fold's choice, made without its engines
   */
  record Outcome(CmapssResult result, List<Choice> choices) {}

  /**
   * A choice with the inner cross-validation's figures that made it.
   *
   * @param choice what was chosen
   * @param result the pooled figures of the inner folds' held-out engines under that choice
   */
  record Chosen(Choice choice, CmapssResult result) {}

  private RemainingLifeCrossValidation() {}

  static Outcome run(List<Engine> engines, List<String> metrics, Candidates candidates, int folds) {
    List<DeviceOutcome> outcomes = new ArrayList<>();
    List<Choice> choices = new ArrayList<>();
    for (int fold = 0; fold < folds; fold++) {
      List<Engine> train = new ArrayList<>();
      List<Engine> test = new ArrayList<>();
      split(engines, folds, fold, train, test);
      Choice choice = choose(train, metrics, candidates, folds - 1).choice();
      choices.add(choice);
      RemainingLifeCalibration fit =
          RemainingLifeFit.fit(train, metrics, choice.modes(), choice.lifeCap());
      outcomes.addAll(score(fit, choice.horizon(), test));
    }
    return new Outcome(summarise(outcomes), choices);
  }

  /**
   * The choice an inner cross-validation on these engines makes: for every number of modes and cap,
   * the largest horizon whose pooled early share stays within the candidates' early share (or the
   * smallest when none does); then the candidate that alerts the most engines, then with the
   * longest median lead, then the longest p10 lead (ties go to fewer modes and the smaller cap).
   */
  static Chosen choose(
      List<Engine> engines, List<String> metrics, Candidates candidates, int folds) {
    Chosen best = null;
    for (int modes : candidates.modes()) {
      for (int cap : candidates.lifeCaps()) {
        Map<Integer, List<DeviceOutcome>> byHorizon = new LinkedHashMap<>();
        candidates.horizons().forEach(h -> byHorizon.put(h, new ArrayList<>()));
        for (int fold = 0; fold < folds; fold++) {
          List<Engine> train = new ArrayList<>();
          List<Engine> test = new ArrayList<>();
          split(engines, folds, fold, train, test);
          RemainingLifeCalibration fit = RemainingLifeFit.fit(train, metrics, modes, cap);
          for (int h : candidates.horizons()) {
            byHorizon.get(h).addAll(score(fit, h, test));
          }
        }
        Chosen chosen = null;
        for (int h : candidates.horizons()) {
          CmapssResult result = summarise(byHorizon.get(h));
          if (chosen == null || result.earlyShare() <= candidates.earlyShare()) {
            chosen = new Chosen(new Choice(modes, cap, h), result);
          }
        }
        if (best == null || BETTER.compare(chosen.result(), best.result()) > 0) {
          best = chosen;
        }
      }
    }
    return best;
  }

  /** More engines alerted, then a longer median lead, then a longer p10 lead. */
  private static final Comparator<CmapssResult> BETTER =
      Comparator.comparingDouble(CmapssResult::alertedShare)
          .thenComparingDouble(CmapssResult::medianLead)
          .thenComparingDouble(CmapssResult::p10Lead);

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

  private static List<Integer> horizons() {
    List<Integer> horizons = new ArrayList<>();
    for (int h = 84; h <= 130; h += 2) {
      horizons.add(h);
    }
    return List.copyOf(horizons);
  }
}
