package dev.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void rulesOfARunAreUnderItsOwnTopicWhichNoOtherRunReads() {
    Workload run = new Workload("a1b2c3", 2);

    assertThat(run.rulesTopic()).isEqualTo("forewarn/bench/a1b2c3/rules/+");
    assertThat(run.ruleTopic(1)).isEqualTo("forewarn/bench/a1b2c3/rules/bench-a1b2c3-rule-1");
    assertThat(new Workload("d4e5f6", 2).ruleTopic(1)).doesNotStartWith("forewarn/bench/a1b2c3/");
  }

  @Test
  void pacedRunNamesExactlyTheReadingsThatBreachAndTheNextReadingOfThatDeviceClears() {
    Workload workload = new Workload("t", 3);
    Workload.Paced paced = workload.paced(30, 100, T0, 0, 5);
    List<Reading> readings =
        paced.messages().stream()
            .map(
                m ->
                    ReadingJson.parse(
                        ReadingJson.deviceIdFromTopic(m.topic()).orElseThrow(), m.payload()))
            .toList();
    List<Integer> hot =
        java.util.stream.IntStream.range(0, readings.size())
            .filter(i -> readings.get(i).metric("compressor_temp_c").orElseThrow() > Workload.LEVEL)
            .boxed()
            .toList();
    assertThat(hot).isNotEmpty();
    assertThat(paced.breaches().values()).containsExactlyInAnyOrderElementsOf(hot);
    for (int i : hot) {
      Reading breach = readings.get(i);
      assertThat(paced.breaches()).containsEntry(Workload.key(breach.deviceId(), breach.ts()), i);
      if (i + 3 < readings.size()) {
        assertThat(readings.get(i + 3).metric("compressor_temp_c").orElseThrow())
            .isLessThan(Workload.CLEAR_LEVEL);
      }
    }
  }

  @Test
  void pacedReadingsAreStampedWithTheirPlannedPublishTime() {
    Workload.Paced paced = new Workload("t", 2).paced(4, 2, T0, 7, 100);
    Reading third = ReadingJson.parse("bench-t-00000", paced.messages().get(2).payload());
    assertThat(third.ts()).isEqualTo(T0.plusSeconds(1));
    assertThat(third.seq()).isEqualTo(8);
  }

  @Test
  void readingsAreAboutTwoHundredBytes() {
    int size = new Workload("abc123", 10_000).steady(1, T0, 0).get(0).payload().length;
    assertThat(size).isBetween(150, 250);
  }
}
