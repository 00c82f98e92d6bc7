package dev.forewarn.bench.detection;

import dev.forewarn.rules.life.RemainingLifeCondition.LifeModel;

/**
 * What the fleet taught the remaining-life condition, and how well the model fits it.
 *
 * @param baseline the index's metrics: centres, spreads, directions
 * @param model the remaining-life coefficients
 * @param engines engines in the fleet
 * @param rows readings the coefficients were fitted on
 * @param rSquared the fit's coefficient of determination on those rows
 */
record RemainingLifeCalibration(
    FleetBaseline baseline, LifeModel model, int engines, int rows, double rSquared) {}
