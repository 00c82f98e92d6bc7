package dev.forewarn.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantilesTest {

  @Test
  void interpolatesLinearlyBetweenClosestRanksLikeNumpy() {
    double[] sample = {40, 10, 30, 20}; // unsorted on purpose
    assertThat(Quantiles.percentile(sample, 50)).isEqualTo(25); // numpy.median: 25.0
    assertThat(Quantiles.percentile(sample, 10)).isEqualTo(13, within(1e-9));
    assertThat(Quantiles.percentile(sample, 90)).isEqualTo(37, within(1e-9));
    assertThat(Quantiles.percentile(sample, 0)).isEqualTo(10);
    assertThat(Quantiles.percentile(sample, 100)).isEqualTo(40);
    assertThat(Quantiles.percentile(new double[] {7}, 10)).isEqualTo(7);
  }

  @Test
  void refusesAnEmptySampleAndPercentilesOutOfRange() {
    assertThatThrownBy(() -> Quantiles.percentile(new double[0], 50)).hasMessage("no sample");
    assertThatThrownBy(() -> Quantiles.percentile(new double[] {1}, 101))
        .hasMessageContaining("[0, 100]");
  }
}
