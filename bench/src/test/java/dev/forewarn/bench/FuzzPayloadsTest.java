package dev.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.bench.FuzzPayloads.Fuzz;
import dev.forewarn.bench.FuzzPayloads.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FuzzPayloadsTest {

  private static final Instant START = Instant.parse("2026-12-06T00:00:00Z");

  @Test
  void theSameSeedGivesTheSameStreamAndAnotherSeedAnother() {
    List<Fuzz> one = FuzzPayloads.generate("fz-", 7, 500, START);
    List<Fuzz> again = FuzzPayloads.generate("fz-", 7, 500, START);
    List<Fuzz> other = FuzzPayloads.generate("fz-", 8, 500, START);

    assertThat(one).hasSameSizeAs(again);
    for (int i = 0; i < one.size(); i++) {
      assertThat(one.get(i).topic()).isEqualTo(again.get(i).topic());
      assertThat(one.get(i).payload()).isEqualTo(again.get(i).payload());
    }
    assertThat(other.stream().map(Fuzz::topic).toList())
        .isNotEqualTo(one.stream().map(Fuzz::topic).toList());
  }

  @Test
  void tenThousandMessagesHoldEveryKindAndEachRefusedOneHasATopicOfItsOwn() {
    List<Fuzz> stream = FuzzPayloads.generate("fz-", 1, 10_000, START);

    assertThat(stream.size()).isGreaterThanOrEqualTo(10_000);
    Set<String> kinds = stream.stream().map(Fuzz::kind).collect(Collectors.toSet());
    assertThat(kinds)
        .contains(
            "valid",
            "duplicate-seq",
            "reordered-seq",
            "truncated",
            "invalid-utf8",
            "nested-5000",
            "non-finite",
            "wrong-type",
            "missing-field",
            "device-id-differs",
            "ts-out-of-range",
            "several-mb",
            "one-byte",
            "emoji-device-id",
            "odd-device-id",
            "no-seq",
            "unsubscribed-topic");
    Map<String, Long> refusedPerTopic =
        stream.stream()
            .filter(fuzz -> fuzz.outcome() == Outcome.REFUSED)
            .filter(fuzz -> !fuzz.topic().equals("devices//telemetry"))
            .collect(Collectors.groupingBy(Fuzz::topic, Collectors.counting()));
    assertThat(refusedPerTopic.values()).containsOnly(1L);
    assertThat(stream)
        .filteredOn(fuzz -> fuzz.kind().equals("several-mb"))
        .allSatisfy(
            fuzz ->
                assertThat(fuzz.payload().length).isGreaterThan(FuzzPayloads.BROKER_MAX_PACKET));
    assertThat(stream)
        .filteredOn(fuzz -> fuzz.kind().equals("one-byte"))
        .allSatisfy(fuzz -> assertThat(fuzz.payload()).hasSize(1));
  }
}
