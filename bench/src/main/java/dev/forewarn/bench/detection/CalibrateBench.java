package dev.forewarn.bench.detection;

import dev.forewarn.rules.life.RemainingLifeCondition.LifeModel;
import dev.forewarn.rules.reading.Reading;
import java.nio.file.Path;
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

  /** Fits, writes the document and returns its path. */
  static Path run(CalibrateConfig config) throws Exception {
    List<Reading> readings = Cmapss.read(config.cmapss());
    RemainingLifeCalibration fit = RemainingLifeFit.fit(readings, config.metrics());
    say("cmapss %s: %d engines, %d cycles", config.cmapss(), fit.engines(), readings.size());
    say(
        "metrics (worse when): %s",
        fit.baseline().metrics().stream()
            .map(m -> m.metric() + " " + m.worse().name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", ")));
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
    RemainingLifeRule.write(config.out(), fit, config.horizon());
    return config.out();
  }

  private static void say(String format, Object... args) {
    System.out.println("bench: " + String.format(Locale.ROOT, format, args));
  }
}
