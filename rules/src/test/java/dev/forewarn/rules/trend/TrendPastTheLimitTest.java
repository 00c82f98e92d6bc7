package dev.forewarn.rules.trend;

import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.risingToward;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.Replay;
import dev.forewarn.rules.Series;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrendPastTheLimitTest {

  @Test
  void aMetricStayingPastTheLimitDoesNotUpdateTheCaseOnEveryReading() {
    // 70, 72, 74, ... every five minutes: past 80 from the sixth reading on, and climbing.
    Reading[] ramp = Series.of(T0, Duration.ofMinutes(5), 30, i -> 70 + 2 * i);

    Replay replay = Replay.of(rule(risingToward(80, Duration.ofHours(3)))).feed(ramp);

    assertThat(replay.kinds()).first().isEqualTo(Decision.Kind.OPEN);
    assertThat(replay.kinds())
        .filteredOn(kind -> kind == Decision.Kind.UPDATE)
        .as("updates once the crossing is reached")
        .hasSizeLessThanOrEqualTo(2);
  }
}
