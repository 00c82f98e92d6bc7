package dev.forewarn.rules.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.reading.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayOrderTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final String METRIC = "compressor_temp_c";

  @Test
  void aReadingWhoseClockWentBackIsReplayedAfterItsPredecessorAsTheJobEvaluatesIt() {
    List<Reading> history =
        List.of(at(0, 0), at(1, 60), at(2, 120), at(3, 90), at(4, 180), other(0, 30));

    assertThat(ReplayOrder.sorted(history))
        .filteredOn(reading -> reading.deviceId().equals("dev-1"))
        .extracting(Reading::seq)
        .containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void aRestartedCounterFollowsTheReadingsBeforeTheRestart() {
    List<Reading> history = List.of(at(7, 0), at(8, 60), at(0, 120), at(1, 180), at(8, 180));

    assertThat(ReplayOrder.sorted(history))
        .extracting(Reading::seq, Reading::ts)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(7L, T0),
            org.assertj.core.api.Assertions.tuple(8L, T0.plusSeconds(60)),
            org.assertj.core.api.Assertions.tuple(0L, T0.plusSeconds(120)),
            org.assertj.core.api.Assertions.tuple(1L, T0.plusSeconds(180)),
            org.assertj.core.api.Assertions.tuple(8L, T0.plusSeconds(180)));
  }

  @Test
  void anIdenticalRepeatIsDropped() {
    assertThat(ReplayOrder.sorted(List.of(at(1, 60), at(1, 60), at(2, 120)))).hasSize(2);
  }

  private static Reading at(long seq, long seconds) {
    return reading("dev-1", seq, T0.plusSeconds(seconds));
  }

  private static Reading other(long seq, long seconds) {
    return reading("dev-2", seq, T0.plusSeconds(seconds));
  }

  private static Reading reading(String device, long seq, Instant ts) {
    return new Reading(device, ts, seq, "AC-200", Map.of(METRIC, 70.0));
  }
}
