package dev.forewarn.bench.detection;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter.Indenter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.rules.life.RemainingLifeCondition.IndexMetric;
import dev.forewarn.rules.life.RemainingLifeCondition.LifeModel;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The rule document of a fitted remaining-life condition ({@code cmapss-remaining-life}): the
 * fleet's metric scales, the model's coefficients and the horizon within which a predicted failure
 * holds the condition.
 */
final class RemainingLifeRule {

  static final String ID = "cmapss-remaining-life";

  /**
   * Significant digits written. Centres, spreads and coefficients to seven digits change a
   * predicted remaining life by well under a thousandth of a cycle: a centre's rounding shifts
   * initial and smoothed index alike, so drift does not see it.
   */
  private static final MathContext DIGITS = new MathContext(7);

  /** Objects nested this deep (the metrics' entries) are written on one line each. */
  private static final int INLINE_DEPTH = 4;

  private static final ObjectMapper JSON = new ObjectMapper();

  private RemainingLifeRule() {}

  static void write(Path file, RemainingLifeCalibration calibration, Duration horizon)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text(calibration, horizon));
  }

  /** The document, pretty-printed and ending with a newline. */
  static String text(RemainingLifeCalibration calibration, Duration horizon) throws IOException {
    return JSON.writer(new Printer()).writeValueAsString(document(calibration, horizon)) + "\n";
  }

  static ObjectNode document(RemainingLifeCalibration calibration, Duration horizon) {
    ObjectNode rule = JSON.createObjectNode();
    rule.put("id", ID).put("version", 1).put("schemaVersion", 2);
    rule.put(
        "name",
        "Engine heading for failure within the horizon, by a remaining-life estimate calibrated"
            + " on the fleet");
    rule.put("severity", "warning");
    ObjectNode condition = rule.putObject("condition");
    condition.put("type", "remaining-life");
    ArrayNode metrics = condition.putArray("metrics");
    for (IndexMetric metric : calibration.baseline().metrics()) {
      metrics
          .addObject()
          .put("metric", metric.metric())
          .put("centre", rounded(metric.centre()))
          .put("spread", rounded(metric.spread()))
          .put("worse", metric.worse().name().toLowerCase(Locale.ROOT));
    }
    condition.put("warmupPoints", RemainingLifeFit.WARMUP_POINTS);
    condition.put("smoothingHalfLife", (int) RemainingLifeFit.SMOOTHING_HALF_LIFE);
    condition.put("unit", RemainingLifeFit.UNIT.toString());
    LifeModel model = calibration.model();
    condition
        .putObject("model")
        .put("intercept", rounded(model.intercept()))
        .put("drift", rounded(model.drift()))
        .put("initial", rounded(model.initial()))
        .put("age", rounded(model.age()))
        .put("ageSquared", rounded(model.ageSquared()));
    condition.put("horizon", horizon.toString());
    condition.put("clearHorizon", horizon.toString());
    rule.put("minPoints", 3);
    rule.put("cooldown", Duration.ZERO.toString());
    return rule;
  }

  private static BigDecimal rounded(double value) {
    // Plain digits: BigDecimal.toString would write 1.6E-7 for small coefficients.
    return new BigDecimal(new BigDecimal(value).round(DIGITS).stripTrailingZeros().toPlainString());
  }

  /**
   * Jackson's pretty printer with {@code "name": value} entries, two spaces a level, and objects
   * nested {@link #INLINE_DEPTH} deep (the metrics' entries) on one line each.
   */
  private static final class Printer extends DefaultPrettyPrinter {

    Printer() {
      super(
          Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
      _objectIndenter = new DepthIndenter();
      _arrayIndenter = _objectIndenter;
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new Printer();
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      super.writeObjectEntrySeparator(g);
      if (inline(g)) {
        g.writeRaw(' ');
      }
    }
  }

  private static final class DepthIndenter implements Indenter {

    private static final DefaultIndenter LINES = new DefaultIndenter("  ", "\n");

    @Override
    public void writeIndentation(JsonGenerator g, int level) throws IOException {
      if (!inline(g)) {
        LINES.writeIndentation(g, level);
      }
    }

    @Override
    public boolean isInline() {
      return false;
    }
  }

  private static boolean inline(JsonGenerator g) {
    int depth = 0;
    for (JsonStreamContext c = g.getOutputContext(); c != null && !c.inRoot(); c = c.getParent()) {
      depth++;
    }
    return depth >= INLINE_DEPTH;
  }
}
