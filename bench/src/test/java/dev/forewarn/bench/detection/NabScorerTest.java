package dev.forewarn.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed NAB scores on a 100-row file sampled every 5 minutes: probation is rows 0 to 14
 * (15% of 100), the window is rows 40 to 49 (width 10) unless a test says otherwise.
 */
class NabScorerTest {

  private static final Instant T0 = Instant.parse("2014-04-01T00:00:00Z");
  private static final int ROWS = 100;
  private static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);
  private static final NabProfile LOW_FN = new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);
  private static final List<NabWindow> WINDOW_40_49 = List.of(window(40, 49));

  @Test
  void aDetectionAtTheLeftEdgeEarnsExactlyTheTruePositiveWeight() {
    NabFileScore score = score(WINDOW_40_49, STANDARD, 40);

    assertThat(score.raw()).isEqualTo(1.0, within(1e-12));
    assertThat(score.detectedWindows()).isEqualTo(1);
    assertThat(score.falsePositives()).isZero();
  }

  @Test
  void aDetectionHalfwayEarnsTheScaledSigmoidAndOnlyTheEarliestCounts() {
    // position -(49-45+1)/10 = -0.5: (2/(1+e^-2.5)-1) / (2/(1+e^-5)-1) = 0.848283 / 0.986614
    assertThat(score(WINDOW_40_49, STANDARD, 45).raw()).isEqualTo(0.859793, within(1e-6));
    assertThat(score(WINDOW_40_49, STANDARD, 45, 41, 49).raw())
        .isEqualTo(score(WINDOW_40_49, STANDARD, 41).raw());
  }

  @Test
  void aMissedWindowCostsTheFalseNegativeWeight() {
    assertThat(score(WINDOW_40_49, STANDARD).raw()).isEqualTo(-1.0);
    assertThat(score(WINDOW_40_49, LOW_FN).raw()).isEqualTo(-2.0);
    assertThat(score(WINDOW_40_49, STANDARD).detectedWindows()).isZero();
  }

  @Test
  void aFalsePositiveRightAfterAWindowCostsAlmostNothing() {
    // position |49-50|/(10-1) = 1/9: 0.11 * (2/(1+e^(5/9))-1) = 0.11 * -0.270847
    NabFileScore score = score(WINDOW_40_49, STANDARD, 40, 50);

    assertThat(score.raw()).isEqualTo(1.0 - 0.029793, within(1e-6));
    assertThat(score.falsePositives()).isEqualTo(1);
  }

  @Test
  void aFalsePositiveFarFromAnyWindowCostsTheFullFalsePositiveWeight() {
    // after: |49-99|/9 = 5.6 widths, beyond 3; before the first window: always the full cost
    assertThat(score(WINDOW_40_49, STANDARD, 40, 99).raw()).isEqualTo(1.0 - 0.11, within(1e-12));
    assertThat(score(WINDOW_40_49, STANDARD, 20, 40).raw()).isEqualTo(1.0 - 0.11, within(1e-12));
  }

  @Test
  void aFalsePositiveIsWeightedByItsDistanceFromThePreviousWindowEachTime() {
    List<NabWindow> two = List.of(window(20, 29), window(60, 69));
    // row 35: |29-35|/9 = 2/3: 0.11 * (2/(1+e^(10/3))-1) = 0.11 * -0.931110, charged per row
    NabFileScore score = score(two, STANDARD, 20, 35, 60);

    assertThat(score.raw()).isEqualTo(2.0 - 0.11 * 0.931110, within(1e-6));
    assertThat(score(two, STANDARD, 20, 35, 36, 60).falsePositives()).isEqualTo(2);
    assertThat(score(two, STANDARD, 20, 35, 36, 60).raw())
        .isEqualTo(2.0 - 0.11 * 0.931110 - 0.11 * 0.959885, within(1e-6));
  }

  @Test
  void probationRowsAreIgnoredAndAWindowInsideProbationIsNotScored() {
    List<NabWindow> windows = List.of(window(5, 9), window(40, 49));

    NabFileScore score = score(windows, STANDARD, 7, 10, 14);

    assertThat(score.raw()).isEqualTo(-1.0);
    assertThat(score.windows()).isEqualTo(1);
    assertThat(score.falsePositives()).isZero();
    // row 15 is the first scored row
    assertThat(score(windows, STANDARD, 15).falsePositives()).isEqualTo(1);
  }

  @Test
  void probationIsFifteenPercentCappedAtSevenHundredFiftyRows() {
    assertThat(NabScorer.probationLength(100)).isEqualTo(15);
    assertThat(NabScorer.probationLength(4032)).isEqualTo(604);
    assertThat(NabScorer.probationLength(5001)).isEqualTo(750);
    assertThat(NabScorer.probationLength(22695)).isEqualTo(750);
  }

  @Test
  void overlappingWindowsAreScoredAsOneMergedWindow() {
    List<NabWindow> merged = NabLabels.merged(List.of(window(45, 54), window(40, 49)));

    assertThat(merged).containsExactly(window(40, 54));
    // one window of width 15; detection at 45: position -(54-45+1)/15 = -2/3
    NabFileScore score = score(merged, STANDARD, 45);
    assertThat(score.windows()).isEqualTo(1);
    assertThat(score.raw()).isEqualTo(0.943742, within(1e-6));
  }

  @Test
  void normalisationPutsTheNullDetectorAtZeroAndThePerfectOneAtAHundred() {
    assertThat(STANDARD.normalise(-25, 25)).isEqualTo(0);
    assertThat(STANDARD.normalise(25, 25)).isEqualTo(100);
    assertThat(STANDARD.normalise(0, 25)).isEqualTo(50);
    assertThat(LOW_FN.normalise(-50, 25)).isEqualTo(0);
    assertThat(LOW_FN.normalise(0, 25)).isEqualTo(100 * 50.0 / 75, within(1e-12));
  }

  @Test
  void refusesWindowsThatDoNotFallOnRowsOrOverlap() {
    NabWindow offGrid = new NabWindow(at(40).plusSeconds(1), at(49));
    assertThatThrownBy(() -> score(List.of(offGrid), STANDARD))
        .hasMessageContaining("does not start and end on rows");
    assertThatThrownBy(() -> score(List.of(window(40, 49), window(45, 60)), STANDARD))
        .hasMessageContaining("overlaps");
  }

  private static NabFileScore score(List<NabWindow> windows, NabProfile profile, int... rows) {
    List<Instant> timestamps = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      timestamps.add(at(i));
    }
    boolean[] detected = new boolean[ROWS];
    for (int row : rows) {
      detected[row] = true;
    }
    return NabScorer.score(timestamps, detected, windows, profile);
  }

  private static NabWindow window(int firstRow, int lastRow) {
    return new NabWindow(at(firstRow), at(lastRow));
  }

  private static Instant at(int row) {
    return T0.plus(Duration.ofMinutes(5L * row));
  }
}
