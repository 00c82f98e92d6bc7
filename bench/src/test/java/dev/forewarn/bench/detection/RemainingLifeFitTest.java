package dev.forewarn.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forewarn.rules.life.RemainingLifeCondition.IndexMetric;
import dev.forewarn.rules.life.RemainingLifeCondition.LifeModel;
import dev.forewarn.rules.life.RemainingLifeCondition.Worse;
import dev.forewarn.rules.reading.Reading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemainingLifeFitTest {

  /** The shared data, seen from the bench module (Surefire's working directory). */
  private static final Path FD001 = Path.of("../../shared/benchmarks/cmapss/train_FD001.txt");

  private static final List<String> METRICS =
      List.of(
          "s2", "s3", "s4", "s7", "s8", "s9", "s11", "s12", "s13", "s14", "s15", "s17", "s20",
          "s21");

  // An independent NumPy implementation of the same fit on train_FD001.txt, to four decimals.
  private static final double[] REFERENCE_CENTRES = {
    642.3832, 1586.8985, 1402.8310, 553.9477, 2388.0592, 9056.0621, 47.3561, 521.9049, 2388.0567,
    8137.3841, 8.4184, 392.2700, 38.9323, 23.3592
  };
  private static final double[] REFERENCE_SPREADS = {
    0.3022, 4.0251, 3.9636, 0.4068, 0.0314, 4.2340, 0.1014, 0.3036, 0.0300, 3.1136, 0.0201, 0.9303,
    0.0999, 0.0611
  };
  private static final List<String> DOWN = List.of("s7", "s12", "s20", "s21");

  /** Its coefficients on [1, drift, initial, tau, tau²], with tau = cycle / 100. */
  private static final double[] REFERENCE_TAU_MODEL = {
    121.9631, -76.9416, -9.4398, 8.2491, 16.0014
  };

  @Test
  void reproducesTheIndependentFitOfFd001() throws IOException {
    assumeTrue(Files.isReadable(FD001), FD001 + " is not here: the shared benchmarks are missing");

    RemainingLifeCalibration fit = RemainingLifeFit.fit(Cmapss.read(FD001), METRICS);

    assertThat(fit.engines()).isEqualTo(100);
    List<IndexMetric> metrics = fit.baseline().metrics();
    assertThat(metrics).extracting(IndexMetric::metric).containsExactlyElementsOf(METRICS);
    for (int i = 0; i < METRICS.size(); i++) {
      IndexMetric metric = metrics.get(i);
      assertThat(metric.centre()).as(metric.metric()).isCloseTo(REFERENCE_CENTRES[i], within(6e-5));
      assertThat(metric.spread()).as(metric.metric()).isCloseTo(REFERENCE_SPREADS[i], within(6e-5));
      assertThat(metric.worse())
          .as(metric.metric())
          .isEqualTo(DOWN.contains(metric.metric()) ? Worse.DOWN : Worse.UP);
    }
    // With age = cycle - 1 = 100 tau - 1, the model's age terms re-expressed in tau.
    LifeModel m = fit.model();
    double[] inTau = {
      m.intercept() - m.age() + m.ageSquared(),
      m.drift(),
      m.initial(),
      100 * m.age() - 200 * m.ageSquared(),
      10_000 * m.ageSquared()
    };
    for (int i = 0; i < inTau.length; i++) {
      assertThat(inTau[i])
          .as("coefficient " + i)
          .isCloseTo(REFERENCE_TAU_MODEL[i], withinPercentage(0.01));
    }
    assertThat(fit.rSquared()).isBetween(0.0, 1.0);
  }

  @Test
  void recoversTheCoefficientsAndDirectionsOfAFleetBuiltFromThem() {
    RemainingLifeCalibration fit =
        RemainingLifeFit.fit(SyntheticFleet.readings(), List.of("s2", "s3"));

    assertThat(fit.baseline().metrics())
        .extracting(IndexMetric::metric, IndexMetric::worse)
        .containsExactly(tuple("s2", Worse.UP), tuple("s3", Worse.DOWN));
    IndexMetric up = fit.baseline().metrics().get(0);
    IndexMetric down = fit.baseline().metrics().get(1);
    assertThat(up.centre()).isCloseTo(SyntheticFleet.CENTRE_UP, within(1e-9));
    assertThat(up.spread()).isCloseTo(SyntheticFleet.SPREAD, within(1e-9));
    assertThat(down.centre()).isCloseTo(SyntheticFleet.CENTRE_DOWN, within(1e-9));
    assertThat(down.spread()).isCloseTo(SyntheticFleet.SPREAD, within(1e-9));
    LifeModel expected = SyntheticFleet.MODEL;
    LifeModel model = fit.model();
    assertThat(model.intercept()).isCloseTo(expected.intercept(), within(1e-6));
    assertThat(model.drift()).isCloseTo(expected.drift(), within(1e-6));
    assertThat(model.initial()).isCloseTo(expected.initial(), within(1e-6));
    assertThat(model.age()).isCloseTo(expected.age(), within(1e-8));
    assertThat(model.ageSquared()).isCloseTo(expected.ageSquared(), within(1e-10));
    assertThat(fit.rSquared()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void fitsOnlyReadingsAfterTheWarmUpWithRemainingLifeFrom60To150Inclusive() {
    // Engines of 180 cycles: remaining life 150 at cycle 30 (warm-up, left out) ... 60 at cycle
    // 120, so cycles 31 to 120 are fitted: 90 rows each.
    List<Reading> readings = new ArrayList<>();
    for (int unit = 1; unit <= 5; unit++) {
      readings.addAll(SyntheticFleet.engine(unit, 180, SyntheticFleet.INITIALS[unit - 1]));
    }

    assertThat(RemainingLifeFit.fit(readings, List.of("s2", "s3")).rows()).isEqualTo(5 * 90);
  }

  @Test
  void refusesEnginesShorterThanTheWarmUpAndMetricsTheyLack() {
    List<Reading> shortEngine = SyntheticFleet.engine(1, 20, 0.0);
    assertThatThrownBy(() -> RemainingLifeFit.fit(shortEngine, List.of("s2")))
        .hasMessage("engine-1: 20 readings, fewer than the 30 of the warm-up");
    assertThatThrownBy(() -> RemainingLifeFit.fit(SyntheticFleet.readings(), List.of("s2", "s9")))
        .hasMessage("engine-1 at 2000-01-01T01:00:00Z: no metric s9");
  }

  @Test
  void refusesAFleetWhoseEnginesCannotSeparateInitialFromTheIntercept() {
    List<Reading> alike = new ArrayList<>();
    for (int unit = 1; unit <= 3; unit++) {
      alike.addAll(SyntheticFleet.engine(unit, 200, 0.0));
    }
    assertThatThrownBy(() -> RemainingLifeFit.fit(alike, List.of("s2", "s3")))
        .hasMessageContaining("no unique fit");
  }

  @Test
  void refusesAMetricThatNeverVariesInTheWarmUp() {
    List<Reading> flat =
        SyntheticFleet.readings().stream()
            .map(r -> new Reading(r.deviceId(), r.ts(), r.seq(), "", Map.of("s2", 1.5)))
            .toList();
    assertThatThrownBy(() -> RemainingLifeFit.fit(flat, List.of("s2")))
        .hasMessageStartingWith("s2: no spread over the engines' warm-up readings");
  }
}
