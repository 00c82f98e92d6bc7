package dev.forewarn.rules.rate;

import static dev.forewarn.rules.TestData.METRIC;
import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.forewarn.rules.Replay;
import dev.forewarn.rules.Series;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateOfChangeTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static RateOfChangeCondition faster(Direction direction, double limit, double clear) {
    return new RateOfChangeCondition(
        METRIC, direction, limit, clear, RateUnit.HOUR, Duration.ofMinutes(30), 6, 4);
  }

  @Test
  void opensWhenRisingFasterThanTheLimitPerHour() {
    Reading[] rising = Series.of(T0, MINUTE, 20, i -> 50 + 0.5 * i); // 30 per hour

    Replay replay = Replay.of(rule(faster(Direction.ABOVE, 20, 10))).feed(rising);

    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    assertThat(replay.decisions().get(0).evidence().get("rate")).isCloseTo(30, within(1e-9));
    assertThat(replay.decisions().get(0).summary())
        .startsWith("compressor_temp_c changing above 20.0 per hour");
  }

  @Test
  void doesNotOpenWithTooFewPointsOrBelowTheLimit() {
    Reading[] fewButFast = Series.of(T0, MINUTE, 3, i -> 50 + 5 * i);
    Reading[] slow = Series.of(T0, MINUTE, 40, i -> 50 + 0.1 * i); // 6 per hour

    assertThat(Replay.of(rule(faster(Direction.ABOVE, 20, 10))).feed(fewButFast).decisions())
        .isEmpty();
    assertThat(Replay.of(rule(faster(Direction.ABOVE, 20, 10))).feed(slow).decisions()).isEmpty();
  }

  @Test
  void clearsOnlyBelowTheClearLimit() {
    Reading[] riseThenSlow =
        Series.of(T0, MINUTE, 120, i -> i < 30 ? 50 + 0.5 * i : 65 + 0.25 * (i - 30));

    Replay replay = Replay.storingStateAsBytes(rule(faster(Direction.ABOVE, 20, 10)));
    replay.feed(riseThenSlow);

    // 15 per hour lies between the clear limit and the limit: the case stays open.
    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN);
    replay.feed(Series.of(T0.plus(MINUTE.multipliedBy(120)), MINUTE, 40, i -> 95.0));
    assertThat(replay.kinds()).containsExactly(Decision.Kind.OPEN, Decision.Kind.CLEAR);
  }

  @Test
  void aFallingRateBelowANegativeLimitOpens() {
    Reading[] falling = Series.of(T0, MINUTE, 20, i -> 50 - 0.5 * i);

    assertThat(Replay.of(rule(faster(Direction.BELOW, -20, -10))).feed(falling).kinds())
        .containsExactly(Decision.Kind.OPEN);
  }
}
