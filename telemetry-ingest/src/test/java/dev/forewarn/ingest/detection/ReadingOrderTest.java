package dev.forewarn.ingest.detection;

import static dev.forewarn.ingest.testing.Fixtures.METRIC;
import static dev.forewarn.ingest.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.ingest.detection.ReadingOrder.Position;
import dev.forewarn.ingest.detection.ReadingOrder.Verdict;
import dev.forewarn.rules.reading.Reading;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadingOrderTest {

  private static Reading seq(long seq, long secondsAfterT0) {
    return new Reading("dev-1", T0.plusSeconds(secondsAfterT0), seq, "", Map.of(METRIC, 1.0));
  }

  private static Position evaluated(Reading... readings) {
    Position position = Position.NONE;
    for (Reading reading : readings) {
      position = ReadingOrder.after(position, reading);
    }
    return position;
  }

  @Test
  void theFirstReadingOfADeviceWaitsForTheWatermarkWhateverItsSeq() {
    assertThat(ReadingOrder.classify(Position.NONE, seq(0, 0), false)).isEqualTo(Verdict.HOLD);
    assertThat(ReadingOrder.classify(Position.NONE, seq(42, 0), false)).isEqualTo(Verdict.HOLD);
  }

  @Test
  void theNextSeqIsEvaluatedAtOnceAndAGapIsHeld() {
    Position position = evaluated(seq(1, 1));

    assertThat(ReadingOrder.classify(position, seq(2, 2), false)).isEqualTo(Verdict.NEXT);
    assertThat(ReadingOrder.classify(position, seq(3, 3), false)).isEqualTo(Verdict.HOLD);
  }

  @Test
  void aSeqAlreadyEvaluatedOrHeldIsADuplicate() {
    Position position = evaluated(seq(1, 1), seq(2, 2), seq(3, 3));

    assertThat(ReadingOrder.classify(position, seq(3, 3), false)).isEqualTo(Verdict.DUPLICATE);
    assertThat(ReadingOrder.classify(position, seq(1, 1), false)).isEqualTo(Verdict.DUPLICATE);
    assertThat(ReadingOrder.classify(position, seq(5, 5), true)).isEqualTo(Verdict.DUPLICATE);
  }

  @Test
  void aSeqSkippedOverWhenTheWatermarkPassedIsLate() {
    // Seq 2 was missing when the watermark released seq 3.
    Position position = evaluated(seq(1, 1), seq(3, 3));

    assertThat(ReadingOrder.classify(position, seq(2, 2), false)).isEqualTo(Verdict.LATE);
  }

  @Test
  void duplicatesAreRecognisedOnlyWithinTheRememberedSeqs() {
    Position position = evaluated(seq(1, 1));
    for (long s = 2; s <= ReadingOrder.MEMORY + 1; s++) {
      position = ReadingOrder.after(position, seq(s, s));
    }

    assertThat(ReadingOrder.classify(position, seq(2, 2), false)).isEqualTo(Verdict.DUPLICATE);
    // Seq 1 is now MEMORY seqs below the last one: no longer known to have been evaluated.
    assertThat(ReadingOrder.classify(position, seq(1, 1), false)).isEqualTo(Verdict.LATE);
  }

  @Test
  void aLargeJumpForgetsEverythingBelowIt() {
    Position position = evaluated(seq(1, 1), seq(1_000, 1_000));

    assertThat(position.evaluated()).isEqualTo(1L);
    assertThat(ReadingOrder.classify(position, seq(999, 999), false)).isEqualTo(Verdict.LATE);
  }

  @Test
  void aLowerSeqWithANewerTimeIsARestartedCounter() {
    Position position = evaluated(seq(500, 500));

    assertThat(ReadingOrder.classify(position, seq(0, 501), false)).isEqualTo(Verdict.NEXT);
    Position restarted = ReadingOrder.after(position, seq(0, 501));
    assertThat(restarted.lastSeq()).isZero();
    assertThat(ReadingOrder.classify(restarted, seq(1, 502), false)).isEqualTo(Verdict.NEXT);
  }

  @Test
  void thePositionSurvivesItsStoredForm() {
    Position position = evaluated(seq(7, 7), seq(8, 8), seq(10, 10));

    assertThat(Position.fromArray(position.toArray())).isEqualTo(position);
    assertThat(Position.fromArray(null)).isEqualTo(Position.NONE);
  }

  private static Reading at(long secondsAfterT0) {
    return new Reading(
        "dev-1", T0.plusSeconds(secondsAfterT0), Reading.NO_SEQ, "", Map.of(METRIC, 1.0));
  }

  @Test
  void aReadingWithoutSeqIsAlwaysHeldAndIdentifiedByItsTime() {
    assertThat(ReadingOrder.classify(Position.NONE, at(0), false)).isEqualTo(Verdict.HOLD);
    Position position = evaluated(at(1), at(2));

    assertThat(ReadingOrder.classify(position, at(3), false)).isEqualTo(Verdict.HOLD);
    assertThat(ReadingOrder.classify(position, at(2), false)).isEqualTo(Verdict.DUPLICATE);
    assertThat(ReadingOrder.classify(position, at(1), false)).isEqualTo(Verdict.DUPLICATE);
    assertThat(ReadingOrder.classify(position, at(0), false)).isEqualTo(Verdict.LATE);
    assertThat(ReadingOrder.classify(position, at(3), true)).isEqualTo(Verdict.DUPLICATE);
  }

  @Test
  void onlyTheLastEvaluatedTimesAreRememberedAndTheySurviveTheStoredForm() {
    Position position = Position.NONE;
    for (long s = 0; s <= ReadingOrder.MEMORY; s++) {
      position = ReadingOrder.after(position, at(s));
    }

    assertThat(position.unnumbered()).hasSize(ReadingOrder.MEMORY);
    assertThat(ReadingOrder.classify(position, at(1), false)).isEqualTo(Verdict.DUPLICATE);
    assertThat(ReadingOrder.classify(position, at(0), false)).isEqualTo(Verdict.LATE);
    assertThat(Position.fromArray(position.toArray())).isEqualTo(position);
  }
}
