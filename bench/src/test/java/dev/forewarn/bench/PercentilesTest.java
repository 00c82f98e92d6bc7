package dev.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOfAHundredValuesIsTheValueAtThatRank() {
    double[] sample = new double[100];
    for (int i = 0; i < 100; i++) {
      sample[i] = 100 - i; // 100 .. 1, unsorted on purpose
    }
    Percentiles p = new Percentiles(sample);
    assertThat(p.at(50)).isEqualTo(50);
    assertThat(p.at(99)).isEqualTo(99);
    assertThat(p.at(100)).isEqualTo(100);
    assertThat(p.at(0.5)).isEqualTo(1);
  }

  @Test
  void aSingleValueIsEveryPercentile() {
    assertThat(new Percentiles(new double[] {7}).at(99)).isEqualTo(7);
  }

  @Test
  void anEmptySampleIsRefusedClearly() {
    assertThatThrownBy(() -> new Percentiles(new double[0])).hasMessageContaining("no sample");
  }
}
