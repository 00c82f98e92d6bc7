package dev.forewarn.bench.detection;

import dev.forewarn.rules.life.RemainingLifeCondition.LifeModel;
import dev.forewarn.rules.reading.Reading;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code ./forewarn bench calibrate}: fits the remaining-life condition to the C-MAPSS engines run
 * to failure and writes its rule document. Prints progress, then the path of the document.
 */
public final class CalibrateBench {

  private CalibrateBench() {}

  public static void main(String[] args) throws Exception {
    if (CalibrateConfig.wantsHelp(args)) {
      System.out.print(CalibrateConfig.help());
      return;
    }
    try {
      System.out.println(run(CalibrateConfig.parse(args)));
    } catch (IllegalArgumentException e) {
      System.err.println(
          "bench calibrate: " + e.getMessage() + " (see ./forewarn bench calibrate --help)");
      System.exit(2);
    }
  }

  /** Cross-validates, fits, writes the document and returns its path. */
  static Path run(CalibrateConfig config) throws Exception {
    List<Reading> readings = Cmapss.read(config.cmapss());
    Cmapss.requireOneOperatingCondition(readings, config.cmapss());
    List<Engine> engines = Engine.of(readings);
    say("cmapss %s: %d engines, %d cycles", config.cmapss(), engines.size(), readings.size());
    RemainingLifeCrossValidation.Candidates candidates = config.candidates();
    RemainingLifeCrossValidation.Outcome cv =
        RemainingLifeCrossValidation.run(engines, config.metrics(), candidates, config.folds());
    say(
        "cross-validation (%d folds by engine, each scored with a document fitted and chosen"
            + " without it, horizons within an early share of %.0f%%; choices %s): %s",
        config.folds(), 100 * candidates.earlyShare(), cv.choices(), figures(cv.result()));
    RemainingLifeCrossValidation.Chosen chosen =
        RemainingLifeCrossValidation.choose(engines, config.metrics(), candidates, config.folds());
    RemainingLifeCrossValidation.Choice choice = chosen.choice();
    say(
        "chosen on every engine (%s): %s; inner cross-validation: %s",
        candidates.modes().size() * candidates.lifeCaps().size() * candidates.horizons().size() > 1
            ? "by cross-validation"
            : "given",
        choice,
        figures(chosen.result()));
    RemainingLifeCalibration fit =
        RemainingLifeFit.fit(engines, config.metrics(), choice.modes(), choice.lifeCap());
    for (RemainingLifeCalibration.Mode mode : fit.modes()) {
      LifeModel model = mode.model();
      say(
          "%s: %d engines; index (worse when, weight): %s",
          mode.name(),
          mode.engines(),
          mode.metrics().stream()
              .map(
                  m ->
                      String.format(
                          Locale.ROOT,
                          "%s %s %.2f",
                          m.metric(),
                          m.worse().name().toLowerCase(Locale.ROOT),
                          m.weight()))
              .collect(Collectors.joining(", ")));
      say(
          "%s: %d rows (readings after the %d-reading warm-up with remaining life %.0f to %.0f),"
              + " R² %.4f; model: intercept %.6g, drift %.6g, initial %.6g, age %.6g,"
              + " ageSquared %.6g",
          mode.name(),
          mode.rows(),
          RemainingLifeFit.WARMUP_POINTS,
          RemainingLifeFit.MIN_LIFE,
          RemainingLifeFit.MAX_LIFE,
          mode.rSquared(),
          model.intercept(),
          model.drift(),
          model.initial(),
          model.age(),
          model.ageSquared());
    }
    say(
        "in sample, on the engines it was fitted on: %s",
        figures(
            RemainingLifeCrossValidation.summarise(
                RemainingLifeCrossValidation.score(fit, choice.horizon(), engines))));
    RemainingLifeRule.write(config.out(), fit, Duration.ofHours(choice.horizon()));
    return config.out();
  }

  private static String figures(CmapssResult r) {
    return String.format(
        Locale.ROOT,
        "%.0f%% of engines alerted before failure, lead median %.1f p10 %.1f p90 %.1f cycles,"
            + " %.0f%% alerted more than %d cycles early",
        100 * r.alertedShare(),
        r.medianLead(),
        r.p10Lead(),
        r.p90Lead(),
        100 * r.earlyShare(),
        CmapssRun.EARLY_HORIZON_CYCLES);
  }

  private static void say(String format, Object... args) {
    System.out.println("bench: " + String.format(Locale.ROOT, format, args));
  }
}
