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
    Integer fixed = config.horizon() == null ? null : (int) config.horizon().toHours();
    RemainingLifeCrossValidation.Outcome cv =
        RemainingLifeCrossValidation.run(
            engines,
            config.metrics(),
            config.consistency(),
            config.eitherWay(),
            fixed,
            config.folds());
    say(
        "cross-validation (%d folds by engine, each scored with a document fitted without it,"
            + " horizons %s): %s",
        config.folds(), cv.horizons(), figures(cv.result()));
    int horizon =
        fixed != null
            ? fixed
            : RemainingLifeCrossValidation.choose(
                engines,
                config.metrics(),
                config.consistency(),
                config.eitherWay(),
                config.folds());
    RemainingLifeCalibration fit =
        RemainingLifeFit.fit(engines, config.metrics(), config.consistency(), config.eitherWay());
    say(
        "metrics (worse when): %s",
        fit.baseline().metrics().stream()
            .map(m -> m.metric() + " " + m.worse().name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", ")));
    if (!fit.baseline().leftOut().isEmpty()) {
      say(
          "%s, moving the same way in too few engines (share, at least %.2f needed): %s",
          config.eitherWay() ? "counted either way" : "left out",
          config.consistency(),
          fit.baseline().leftOut().entrySet().stream()
              .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
              .collect(Collectors.joining(", ")));
    }
    say(
        "fit: %d rows (readings after the %d-reading warm-up with remaining life %.0f to %.0f),"
            + " R² %.4f",
        fit.rows(),
        RemainingLifeFit.WARMUP_POINTS,
        RemainingLifeFit.MIN_LIFE,
        RemainingLifeFit.MAX_LIFE,
        fit.rSquared());
    LifeModel model = fit.model();
    say(
        "model: intercept %.6g, drift %.6g, initial %.6g, age %.6g, ageSquared %.6g",
        model.intercept(), model.drift(), model.initial(), model.age(), model.ageSquared());
    say(
        "horizon %d cycles (%s); in sample, on the engines it was fitted on: %s",
        horizon,
        fixed != null ? "given" : "chosen by cross-validation on every engine",
        figures(
            RemainingLifeCrossValidation.summarise(
                RemainingLifeCrossValidation.score(fit, horizon, engines))));
    RemainingLifeRule.write(config.out(), fit, Duration.ofHours(horizon));
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
