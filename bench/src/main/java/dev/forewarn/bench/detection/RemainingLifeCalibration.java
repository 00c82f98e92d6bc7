package dev.forewarn.bench.detection;

import dev.forewarn.rules.life.RemainingLifeCondition.IndexMetric;
import dev.forewarn.rules.life.RemainingLifeCondition.LifeModel;
import java.util.List;

/**
 * What a fleet run to failure taught the remaining-life condition, and how well it fits.
 *
 * @param baseline the candidate metrics' centres and spreads
 * @param lifeCap the remaining life beyond which the health index counts an engine as healthy
 * @param modes one fit per fault mode, the largest first
 * @param engines engines in the fleet
 */
record RemainingLifeCalibration(
    FleetBaseline baseline, double lifeCap, List<Mode> modes, int engines) {

  RemainingLifeCalibration {
    modes = List.copyOf(modes);
  }

  /**
   * One fault mode's health index and model.
   *
   * @param name the mode's name in the document ({@code mode-1}, the largest first)
   * @param metrics the index's metrics with their sides and weights
   * @param model the remaining-life coefficients
   * @param engines the engines of the fleet in this mode
   * @param rows readings the model was fitted on
   * @param rSquared the model's coefficient of determination on those rows
   */
  record Mode(
      String name,
      List<IndexMetric> metrics,
      LifeModel model,
      int engines,
      int rows,
      double rSquared) {

    Mode {
      metrics = List.copyOf(metrics);
    }
  }
}
